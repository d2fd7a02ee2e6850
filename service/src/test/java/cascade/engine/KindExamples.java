package cascade.engine;

import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Small specs of every registered kind, as users write them: {@code <kind>.examples.json}, a JSON
 * list in the test resources of the kind's package (next to its descriptor), each entry running in
 * well under a second at n = 400. The contract tests, the registry checks and the spec fuzzer take
 * them from here, so a kind without examples fails the build.
 */
public final class KindExamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KindExamples() {
    }

    public static List<Map<String, Object>> of(EstimatorKind<?> kind) {
        return load(kind.getClass(), kind.kind());
    }

    public static List<Map<String, Object>> of(TeacherKind<?> kind) {
        return load(kind.getClass(), kind.kind());
    }

    /** Every example of every registered estimator kind, in registry order. */
    public static List<Map<String, Object>> estimators() {
        List<Map<String, Object>> all = new ArrayList<>();
        Kinds.ESTIMATORS.forEach(k -> all.addAll(of(k)));
        return all;
    }

    /** Every example of every registered teacher kind that draws synthetic inputs, in registry order. */
    public static List<Map<String, Object>> syntheticTeachers() {
        List<Map<String, Object>> all = new ArrayList<>();
        Kinds.TEACHERS.stream().filter(TeacherKind::isSynthetic).forEach(k -> all.addAll(of(k)));
        return all;
    }

    /** The spec the contract tests run: one estimator, n = 400, one seed, 200 test rows. */
    public static ExperimentSpec spec(Map<String, Object> teacher, Map<String, Object> estimator) {
        return SpecParser.parse(Map.of("teacher", teacher, "estimators", List.of(estimator),
                "sweep", Map.of("n", List.of(400), "seeds", 1), "test", Map.of("n", 200)));
    }

    /** One run of {@link #spec}: n = 400, seed 3. */
    public static RunOutcome run(Map<String, Object> teacher, Map<String, Object> estimator) {
        return Engine.run(spec(teacher, estimator), new RunKey(0, 400, 3), RunControl.NONE);
    }

    /** Whether that run reports planted-direction estimates (matched cos², overlaps). */
    public static boolean reportsDirections(Map<String, Object> teacher, Map<String, Object> estimator) {
        RunOutcome o = run(teacher, estimator);
        return o.directionCos2() != null && o.metrics().containsKey("overlapA");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Class<?> near, String kind) {
        String file = kind + ".examples.json";
        try (InputStream in = near.getResourceAsStream(file)) {
            if (in == null) {
                throw new AssertionError("kind " + kind + " has no examples: add src/test/resources/"
                        + near.getPackageName().replace('.', '/') + "/" + file);
            }
            List<Map<String, Object>> examples = JSON.readValue(in, List.class);
            if (examples.isEmpty()) {
                throw new AssertionError(file + " lists no example");
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
