package cascade.engine.kernel;

import static cascade.engine.MemoryEstimate.DOUBLE;

import cascade.engine.Estimator;
import cascade.engine.EstimatorKind;
import cascade.engine.MemoryEstimate.Phase;
import cascade.engine.MemoryEstimate.Shape;
import cascade.engine.MemoryEstimate.Term;
import cascade.engine.Requires;
import cascade.engine.SizeField;
import cascade.engine.spec.Param;
import cascade.engine.spec.RidgeChoice;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.Tree;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code random-features} kind: {@link RandomFeatures} from a {@link RandomFeaturesSpec}, on
 * any teacher's raw inputs; its width is a token-limited size.
 *
 * <p>Memory (width P, depth L): weights d x P + (L - 1) P^2, then the primal or dual ridge solve
 * of {@link RidgeMemory}; the dual also holds the n x P features, the input copy n x d and the
 * intermediate layers.
 */
public final class RandomFeaturesKind extends EstimatorKind<RandomFeaturesSpec> {

    /** Activations a random layer accepts; "relu-hermite" is ReLU minus its He0 and He1 components. */
    public static final List<String> ACTIVATIONS = Arrays.stream(Activation.values()).map(Activation::json).toList();
    /** Widest random layer. */
    public static final int MAX_WIDTH = 1 << 16;

    private static final Param<RandomFeaturesSpec, Integer> WIDTH = Param.integer("width", 2048, 1, MAX_WIDTH,
            RandomFeaturesSpec::width, "features per random layer");
    private static final Param<RandomFeaturesSpec, String> ACTIVATION = Param.choice("activation", "relu",
            ACTIVATIONS, RandomFeaturesSpec::activation, "activation");
    private static final Param<RandomFeaturesSpec, Integer> DEPTH = Param.integer("depth", 1, 1, 10,
            RandomFeaturesSpec::depth, "number of random layers");
    private static final Param<RandomFeaturesSpec, RidgeChoice> RIDGE = Param.ridge(RidgeChoice.of(1e-3),
            RandomFeaturesSpec::ridge);

    public RandomFeaturesKind() {
        super(RandomFeaturesSpec.KIND, RandomFeaturesSpec.class, Requires.ANY_TEACHER,
                "Lazy random features: random layers of width P, ridge readout.", "SCIENCE.md 4 Baselines",
                List.of(WIDTH, ACTIVATION, DEPTH, RIDGE));
    }

    @Override
    protected RandomFeaturesSpec read(Tree t, String name, @Nullable TeacherSpec teacher) {
        return new RandomFeaturesSpec(name, WIDTH.read(t), ACTIVATION.read(t), DEPTH.read(t), RIDGE.read(t));
    }

    @Override
    protected List<SizeField> sizes(RandomFeaturesSpec spec) {
        return List.of(SizeField.width("width", spec.width()));
    }

    @Override
    protected List<Phase> memory(RandomFeaturesSpec r, Shape s) {
        long width = r.width();
        Term weights = new Term("random weights d x P + (L-1) P^2",
                DOUBLE * (s.d() * width + (r.depth() - 1L) * width * width));
        if (width <= s.n()) {
            return RidgeMemory.primal(s, width, r.depth(), r.ridge().isLeaveOneOut(), weights);
        }
        long layers = r.depth() >= 2 ? (r.depth() >= 3 ? 2 : 1) : 0;
        Term features = new Term("features n x P + input copy n x d + intermediate layers",
                DOUBLE * (s.n() * width + s.n() * s.d() + layers * s.n() * width));
        return RidgeMemory.dual(s, width, r.ridge().isLeaveOneOut(), List.of(weights, features));
    }

    @Override
    protected Estimator create(RandomFeaturesSpec spec, TeacherSpec teacher, long seed) {
        return new RandomFeatures(spec, seed);
    }
}
