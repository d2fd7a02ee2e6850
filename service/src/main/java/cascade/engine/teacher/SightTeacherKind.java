package cascade.engine.teacher;

import cascade.engine.TeacherKind;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.spec.Param;
import cascade.engine.spec.SightTeacher;
import cascade.engine.spec.SpecParser;
import cascade.engine.spec.Tree;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code sight} teacher: a {@link SightModel} from a {@link SightTeacher}; no planted directions. */
public final class SightTeacherKind extends TeacherKind<SightTeacher> {

    private static final Param<SightTeacher, Integer> D = Param.integer("d", 2, 2, SpecParser.MAX_D, SightTeacher::d,
            "input dimension").required();
    private static final Param<SightTeacher, @Nullable Integer> P = Param.optionalInteger("p", 1, SpecParser.MAX_D,
            false, s -> s.epsilon() == null ? s.p() : null, "number of directions; or epsilon");
    private static final Param<SightTeacher, @Nullable Double> EPSILON = Param.optionalNumber("epsilon", 0.5, 0, 1,
            SightTeacher::epsilon, "p = round(d^epsilon)");
    private static final Param<SightTeacher, String> SIGMA1 = Param.choice("sigma1", "he2+he3",
            List.of("he2+he3", "he2"), SightTeacher::sigma1, "first-layer nonlinearity");
    private static final Param<SightTeacher, String> LINK = Param.choice("link", "tanh3", List.of("tanh3", "identity"),
            SightTeacher::link, "y = tanh(3h) or h");
    private static final Param<SightTeacher, Double> NOISE = Param.number("noise", 0.0, 0, 100, SightTeacher::noise,
            "label noise std");

    public SightTeacherKind() {
        super("sight", SightTeacher.class, true,
                "SIGHT teacher: h = d_eff^-1/2 sum_j s_j sigma1(w_j . x), orthonormal w_j, "
                        + "sigma1 = He2/2 + He3/6, y = tanh(3 h).", "SCIENCE.md 3; IdePHICS/ComputationalDepth",
                List.of(D, P, EPSILON, SIGMA1, LINK, NOISE));
    }

    @Override
    protected @Nullable SightTeacher read(Tree t) {
        int before = t.errors().size();
        if (!t.has("d")) {
            t.error("d", "is required");
        }
        int d = D.read(t);
        Double eps = EPSILON.read(t);
        Integer p = P.read(t);
        if (p != null && eps != null) {
            t.error("epsilon", "give either p or epsilon, not both");
        }
        int rp = p != null ? p : SpecParser.latentCount(d, eps != null ? eps : 0.5);
        if (rp > d) {
            t.error(p != null ? "p" : "epsilon", "needs p <= d orthonormal directions, got p = " + rp);
        }
        String sigma1 = SIGMA1.read(t);
        String link = LINK.read(t);
        double noise = NOISE.read(t);
        if (t.errors().size() > before) {
            return null;
        }
        return new SightTeacher(d, rp, eps, sigma1, link, noise);
    }

    @Override
    protected Teacher create(SightTeacher spec, long seed, DatasetSource datasets) {
        return new SightModel(spec, seed);
    }
}
