package cascade.engine.spec;

import cascade.engine.Kinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link ExperimentSpec} back as a plain tree (LinkedHashMap / List / Number / String /
 * Boolean), every default filled in: "the spec as run" of the result contract. Reading the tree
 * back with {@link SpecParser} gives an equal spec. The teacher and the estimators are written by
 * their kinds ({@link Kinds}) from their declared parameters.
 */
public final class SpecWriter {

    private SpecWriter() {
    }

    public static Map<String, Object> toTree(ExperimentSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("tags", spec.tags());
        m.put("teacher", teacher(spec.teacher()));
        m.put("estimators", spec.estimators().stream().map(SpecWriter::estimator).toList());
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("n", spec.sweep().n());
        sweep.put("seeds", spec.sweep().seeds());
        m.put("sweep", sweep);
        m.put("test", Map.of("n", spec.test().n()));
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("metric", spec.fit().metric());
        putIfPresent(fit, "nMin", spec.fit().nMin());
        putIfPresent(fit, "nMax", spec.fit().nMax());
        fit.put("saturating", spec.fit().saturating());
        m.put("fit", fit);
        List<Object> expect = new ArrayList<>();
        for (Expectation e : spec.expect()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("estimator", e.estimator());
            x.put("quantity", e.quantity());
            putIfPresent(x, "direction", e.direction());
            putIfPresent(x, "n", e.n());
            x.put("against", e.against().json());
            putIfPresent(x, "value", e.value());
            x.put("tolerance", e.tolerance());
            x.put("relative", e.relative());
            expect.add(x);
        }
        m.put("expect", expect);
        return m;
    }

    static Map<String, Object> teacher(TeacherSpec teacher) {
        return Kinds.of(teacher).write(teacher);
    }

    static Map<String, Object> estimator(EstimatorSpec estimator) {
        return Kinds.of(estimator).write(estimator);
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
