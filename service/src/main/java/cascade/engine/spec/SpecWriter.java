package cascade.engine.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link ExperimentSpec} back as a plain tree (LinkedHashMap / List / Number / String /
 * Boolean), every default filled in: "the spec as run" of the result contract. Reading the tree
 * back with {@link SpecParser} gives an equal spec.
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", teacher.kind());
        switch (teacher) {
            case HierarchicalTeacher h -> {
                m.put("input", h.input().json());
                putIfPresent(m, "d", h.d());
                if (h.d() == null) {
                    m.put("features", h.features());
                }
                if (h.epsilon() != null) {
                    m.put("epsilon", h.epsilon());
                } else {
                    m.put("p", h.p());
                }
                m.put("q", h.q());
                m.put("secondLayer", switch (h.secondLayer()) {
                    case SecondLayer.PowerLaw pl -> ordered("kind", "power-law", "gamma", pl.gamma());
                    case SecondLayer.Dense dense -> ordered("kind", "dense", "frobenius", dense.frobenius());
                });
                m.put("link", h.link().json());
                m.put("noise", h.noise());
            }
            case ThreeLevelTeacher t -> {
                m.put("input", t.input().json());
                m.put("d", t.d());
                if (t.epsilon1() != null) {
                    m.put("epsilon1", t.epsilon1());
                } else {
                    m.put("p1", t.p1());
                }
                if (t.epsilon2() != null) {
                    m.put("epsilon2", t.epsilon2());
                } else {
                    m.put("p2", t.p2());
                }
                m.put("noise", t.noise());
            }
            case SightTeacher s -> {
                m.put("d", s.d());
                if (s.epsilon() != null) {
                    m.put("epsilon", s.epsilon());
                } else {
                    m.put("p", s.p());
                }
                m.put("sigma1", s.sigma1());
                m.put("link", s.link());
                m.put("noise", s.noise());
            }
            case DatasetTeacher d -> {
                m.put("id", d.id());
                m.put("labels", switch (d.labels()) {
                    case LabelMapping.Raw raw -> "raw";
                    case LabelMapping.Binary b when b.preset() != null -> ordered("preset", b.preset());
                    case LabelMapping.Binary b -> ordered("binary", ordered("positive",
                            b.positive().stream().map(v -> v == Math.rint(v) ? (Object) v.longValue() : v).toList()));
                });
                m.put("standardize", d.standardize());
                m.put("testFraction", d.testFraction());
            }
        }
        return m;
    }

    static Map<String, Object> estimator(EstimatorSpec estimator) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", estimator.kind());
        m.put("name", estimator.name());
        switch (estimator) {
            case HierarchicalSpectralSpec h -> {
                m.put("directions", directions(h.directions()));
                m.put("iterations", h.iterations());
                m.put("oversample", h.oversample());
                m.put("tolerance", h.tolerance());
                m.put("readout", h.readout().json());
                m.put("split", h.split());
                m.put("precision", h.precision().json());
                m.put("histogram", h.histogram());
            }
            case ShallowSpectralSpec s -> {
                m.put("directions", directions(s.directions()));
                m.put("iterations", s.iterations());
                m.put("oversample", s.oversample());
                m.put("tolerance", s.tolerance());
            }
            case KernelRidgeSpec k -> {
                Map<String, Object> kernel = new LinkedHashMap<>();
                kernel.put("kind", k.kernel().kind());
                if (k.kernel().kind().equals("polynomial") || k.kernel().kind().equals("arccos")) {
                    kernel.put("degree", k.kernel().degree());
                }
                m.put("kernel", kernel);
                m.put("ridge", ridge(k.ridge()));
                m.put("maxTrain", k.maxTrain());
            }
            case RandomFeaturesSpec r -> {
                m.put("width", r.width());
                m.put("activation", r.activation());
                m.put("depth", r.depth());
                m.put("ridge", ridge(r.ridge()));
            }
            case RidgeSpec r -> m.put("ridge", ridge(r.ridge()));
            case NeuralLofiSpec l -> {
                List<Object> layers = new ArrayList<>();
                for (NeuralLofiSpec.Layer layer : l.layers()) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("width", layer.width());
                    putIfPresent(x, "directions", layer.directions());
                    x.put("activation", layer.activation());
                    layers.add(x);
                }
                m.put("layers", layers);
                m.put("centered", l.centered());
                m.put("limit", l.limit());
                m.put("ridge", ridge(l.ridge()));
                m.put("maxTrain", l.maxTrain());
                m.put("histogram", l.histogram());
                m.put("split", l.split());
            }
            case DeepNngpSpec g -> {
                m.put("depth", g.depth());
                m.put("ridge", ridge(g.ridge()));
                m.put("maxTrain", g.maxTrain());
            }
        }
        return m;
    }

    private static Object directions(DirectionRule rule) {
        return switch (rule) {
            case DirectionRule.Fixed f -> f.k();
            case DirectionRule.Auto a -> "auto";
            case DirectionRule.All all -> "all";
        };
    }

    private static Object ridge(RidgeChoice ridge) {
        return ridge.isLeaveOneOut() ? "loo" : ridge.fixed();
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
