package cascade.engine.teacher;

import cascade.engine.TeacherKind;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.spec.InputMode;
import cascade.engine.spec.Param;
import cascade.engine.spec.SpecParser;
import cascade.engine.spec.ThreeLevelTeacher;
import cascade.engine.spec.Tree;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code three-level} teacher: a {@link PlantedTeacher} from a {@link ThreeLevelTeacher}. */
public final class ThreeLevelTeacherKind extends TeacherKind<ThreeLevelTeacher> {

    private static final Param<ThreeLevelTeacher, InputMode> INPUT = Param.choice("input", InputMode.HERMITE,
            InputMode::json, ThreeLevelTeacher::input, "input mode of the first layer");
    private static final Param<ThreeLevelTeacher, Integer> D = Param.integer("d", 2, 2, SpecParser.MAX_D,
            ThreeLevelTeacher::d, "input dimension").required();
    private static final Param<ThreeLevelTeacher, @Nullable Integer> P1 = Param.optionalInteger("p1", 1, 100_000,
            false, t -> t.epsilon1() == null ? t.p1() : null, "first latent width; or epsilon1");
    private static final Param<ThreeLevelTeacher, @Nullable Double> EPSILON1 = Param.optionalNumber("epsilon1", 0.5,
            0, 2, ThreeLevelTeacher::epsilon1, "p1 = round(d^epsilon1)");
    private static final Param<ThreeLevelTeacher, @Nullable Integer> P2 = Param.optionalInteger("p2", 1, 100_000,
            false, t -> t.epsilon2() == null ? t.p2() : null, "second latent width; or epsilon2");
    private static final Param<ThreeLevelTeacher, @Nullable Double> EPSILON2 = Param.optionalNumber("epsilon2", 0.25,
            0, 2, ThreeLevelTeacher::epsilon2, "p2 = round(d^epsilon2)");
    private static final Param<ThreeLevelTeacher, Double> NOISE = Param.number("noise", 0.0, 0, 100,
            ThreeLevelTeacher::noise, "label noise std");

    public ThreeLevelTeacherKind() {
        super("three-level", ThreeLevelTeacher.class, true,
                "Three-level teacher: h1 = Hermite-2 forms of x, h2 = Hermite-2 forms of h1, y = h2^T B h2 - tr B "
                        + "with dense B, standardised.",
                "SCIENCE.md 3; P3 arXiv 2602.10867",
                List.of(INPUT, D, P1, EPSILON1, P2, EPSILON2, NOISE));
    }

    @Override
    protected @Nullable ThreeLevelTeacher read(Tree t) {
        int before = t.errors().size();
        InputMode input = INPUT.read(t);
        if (!t.has("d")) {
            t.error("d", "is required");
        }
        int d = D.read(t);
        Double eps1 = EPSILON1.read(t);
        Integer p1 = P1.read(t);
        Double eps2 = EPSILON2.read(t);
        Integer p2 = P2.read(t);
        if (p1 != null && eps1 != null) {
            t.error("epsilon1", "give either p1 or epsilon1, not both");
        }
        if (p2 != null && eps2 != null) {
            t.error("epsilon2", "give either p2 or epsilon2, not both");
        }
        int rp1 = p1 != null ? p1 : SpecParser.latentCount(d, eps1 != null ? eps1 : 0.5);
        int rp2 = p2 != null ? p2 : SpecParser.latentCount(d, eps2 != null ? eps2 : 0.25);
        int features = SpecParser.hermiteFeatures(d, 2);
        if (rp1 > features) {
            t.error("p1", "must be at most D = " + features);
        }
        long pairs = (long) rp1 * (rp1 + 1) / 2;
        if (rp2 > pairs) {
            t.error("p2", "must be at most p1(p1+1)/2 = " + pairs);
        }
        double noise = NOISE.read(t);
        if (t.errors().size() > before) {
            return null;
        }
        return new ThreeLevelTeacher(input, d, features, rp1, eps1, rp2, eps2, noise);
    }

    @Override
    protected Teacher create(ThreeLevelTeacher spec, long seed, DatasetSource datasets) {
        return PlantedTeacher.threeLevel(spec, seed);
    }
}
