package cascade.engine.teacher;

import cascade.engine.TeacherKind;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.spec.Catalog;
import cascade.engine.spec.HierarchicalTeacher;
import cascade.engine.spec.InputMode;
import cascade.engine.spec.Link;
import cascade.engine.spec.Param;
import cascade.engine.spec.SecondLayer;
import cascade.engine.spec.SpecParser;
import cascade.engine.spec.Tree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code hierarchical} teacher: a {@link PlantedTeacher} from a {@link HierarchicalTeacher}.
 * d or (gaussian-equivalent inputs) D gives the feature count; p or epsilon the latent count.
 */
public final class HierarchicalTeacherKind extends TeacherKind<HierarchicalTeacher> {

    private static final Param<HierarchicalTeacher, InputMode> INPUT = Param.choice("input", InputMode.HERMITE,
            InputMode::json, HierarchicalTeacher::input,
            "hermite: x ~ N(0, I_d); gaussian-equivalent: z ~ N(0, I_D), exact for the theory");
    private static final Param<HierarchicalTeacher, @Nullable Integer> D = Param.optionalInteger("d", 2,
            SpecParser.MAX_D, false, HierarchicalTeacher::d, "input dimension; required for hermite");
    private static final Param<HierarchicalTeacher, @Nullable Integer> FEATURES = Param.optionalInteger("features",
            2, SpecParser.MAX_FEATURES, false, h -> h.d() == null ? h.features() : null,
            "D directly (gaussian-equivalent only), instead of d");
    private static final Param<HierarchicalTeacher, @Nullable Integer> P = Param.optionalInteger("p", 1, 100_000,
            false, h -> h.epsilon() == null ? h.p() : null, "latent features; or epsilon");
    private static final Param<HierarchicalTeacher, @Nullable Double> EPSILON = Param.optionalNumber("epsilon", 0.5,
            0, 2, HierarchicalTeacher::epsilon, "p = round(d^epsilon) when p is absent");
    private static final Param<HierarchicalTeacher, Integer> Q = Param.integer("q", 2, 2, 3, HierarchicalTeacher::q,
            "Hermite order of the first layer");
    private static final Param<HierarchicalTeacher, SecondLayer> SECOND_LAYER = Param.of(
            new Catalog.Parameter("secondLayer", "object", false, "{\"kind\":\"power-law\",\"gamma\":1.0}", null,
                    null, List.of("power-law", "dense"),
                    "power-law {gamma} (b_j = s_j j^-gamma, random signs) or dense {frobenius}"),
            HierarchicalTeacherKind::readSecondLayer, new SecondLayer.PowerLaw(1.0),
            h -> writeSecondLayer(h.secondLayer()));
    private static final Param<HierarchicalTeacher, Link> LINK = Param.choice("link", Link.IDENTITY, Link::json,
            HierarchicalTeacher::link, "output link g");
    private static final Param<HierarchicalTeacher, Double> NOISE = Param.number("noise", 0.0, 0, 100,
            HierarchicalTeacher::noise, "std of Gaussian noise added before the link");

    public HierarchicalTeacherKind() {
        super("hierarchical", HierarchicalTeacher.class, true,
                "Two-level hierarchical teacher: p Frobenius-orthonormal Hermite-q features, second layer "
                        + "power-law diagonal or dense, y = g(h^T B h - tr B + noise), standardised.",
                "SCIENCE.md 3; P1 arXiv 2605.14567, P3 arXiv 2602.10867",
                List.of(INPUT, D, FEATURES, P, EPSILON, Q, SECOND_LAYER, LINK, NOISE));
    }

    @Override
    protected @Nullable HierarchicalTeacher read(Tree t) {
        int before = t.errors().size();
        InputMode input = INPUT.read(t);
        int q = Q.read(t);
        Integer d = D.read(t);
        Integer features = FEATURES.read(t);
        int resolvedFeatures = 0;
        if (input == InputMode.HERMITE) {
            if (features != null) {
                t.error("features", "applies only to input gaussian-equivalent; give d for hermite inputs");
            }
            if (d == null && !t.has("d")) {
                t.error("d", "is required for hermite inputs");
            }
        } else if (d == null && features == null && !t.has("d") && !t.has("features")) {
            t.error("d", "give d or features for gaussian-equivalent inputs");
        } else if (d != null && features != null) {
            t.error("features", "give either d or features, not both");
        }
        if (d != null) {
            resolvedFeatures = SpecParser.hermiteFeatures(d, q);
            if (resolvedFeatures > SpecParser.MAX_FEATURES) {
                t.error("d", "gives D = " + resolvedFeatures + " features, more than " + SpecParser.MAX_FEATURES);
            }
        } else if (features != null) {
            resolvedFeatures = features;
        }
        Double epsilon = EPSILON.read(t);
        Integer p = P.read(t);
        if (p != null && epsilon != null) {
            t.error("epsilon", "give either p or epsilon, not both");
        }
        int resolvedP = p != null ? p
                : SpecParser.latentCount(d != null ? d : SpecParser.effectiveD(resolvedFeatures),
                        epsilon != null ? epsilon : 0.5);
        if (resolvedFeatures > 0 && resolvedP > resolvedFeatures) {
            t.error(p != null ? "p" : "epsilon",
                    "gives p = " + resolvedP + " latent features, more than D = " + resolvedFeatures);
        }
        SecondLayer second = SECOND_LAYER.read(t);
        Link link = LINK.read(t);
        double noise = NOISE.read(t);
        if (t.errors().size() > before) {
            return null;
        }
        return new HierarchicalTeacher(input, d, resolvedFeatures, resolvedP, epsilon, q, second, link, noise);
    }

    private static SecondLayer readSecondLayer(Tree t, String key, SecondLayer fallback) {
        Tree st = t.object(key);
        if (st == null) {
            return fallback;
        }
        SecondLayer second = switch (st.string("kind", "power-law")) {
            case "power-law" -> new SecondLayer.PowerLaw(st.number("gamma", 1.0, 0.0, 10.0));
            case "dense" -> new SecondLayer.Dense(st.number("frobenius", 1.0, 1e-6, 1e6));
            default -> {
                st.error("kind", "must be one of power-law, dense");
                yield fallback;
            }
        };
        st.finish();
        return second;
    }

    private static Map<String, Object> writeSecondLayer(SecondLayer second) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (second) {
            case SecondLayer.PowerLaw pl -> {
                m.put("kind", "power-law");
                m.put("gamma", pl.gamma());
            }
            case SecondLayer.Dense dense -> {
                m.put("kind", "dense");
                m.put("frobenius", dense.frobenius());
            }
        }
        return m;
    }

    @Override
    protected Teacher create(HierarchicalTeacher spec, long seed, DatasetSource datasets) {
        return PlantedTeacher.hierarchical(spec, seed);
    }
}
