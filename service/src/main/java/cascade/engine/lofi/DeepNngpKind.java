package cascade.engine.lofi;

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
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code deep-nngp} kind: {@link DeepNngp} from a {@link DeepNngpSpec}, on any teacher's raw
 * inputs; its training cap is a token-limited size. Memory: {@link #kernelForm}.
 */
public final class DeepNngpKind extends EstimatorKind<DeepNngpSpec> {

    /** Largest training cap of the kernel forms, which hold several n x n matrices (10000: 800 MB each). */
    public static final int MAX_TRAIN = 10_000;

    private static final Param<DeepNngpSpec, Integer> DEPTH = Param.integer("depth", 2, 1, 10, DeepNngpSpec::depth,
            "number of composed arc-cosine layers");
    private static final Param<DeepNngpSpec, RidgeChoice> RIDGE = Param.ridge(RidgeChoice.loo(), DeepNngpSpec::ridge);
    private static final Param<DeepNngpSpec, Integer> MAX_TRAIN_PARAM = Param.integer("maxTrain", 4000, 10, MAX_TRAIN,
            DeepNngpSpec::maxTrain, "training samples used at most (the n x n kernel; reported when it bites)");

    public DeepNngpKind() {
        super(DeepNngpSpec.KIND, DeepNngpSpec.class, Requires.ANY_TEACHER,
                "Deep NNGP: the arc-cosine (ReLU) kernel composed depth times, kernel ridge with intercept; "
                        + "the infinite-width limit of random-features with the same depth.",
                "SCIENCE.md 4 Baselines; Cho and Saul 2009",
                List.of(DEPTH, RIDGE, MAX_TRAIN_PARAM));
    }

    @Override
    protected DeepNngpSpec read(Tree t, String name, @Nullable TeacherSpec teacher) {
        return new DeepNngpSpec(name, DEPTH.read(t), RIDGE.read(t), MAX_TRAIN_PARAM.read(t));
    }

    @Override
    protected List<SizeField> sizes(DeepNngpSpec spec) {
        return List.of(SizeField.kernelTrain("maxTrain", spec.maxTrain()));
    }

    @Override
    protected List<Phase> memory(DeepNngpSpec spec, Shape s) {
        return kernelForm(s, spec.maxTrain());
    }

    /** Kernel forms on u = min(n, maxTrain) samples: the u x u kernel, its eigen workspace (3 u^2), the test block. */
    static List<Phase> kernelForm(Shape s, int maxTrain) {
        long u = Math.min(s.n(), maxTrain);
        return List.of(new Phase("kernel", List.of(new Term("kernel " + u + " x " + u + " + eigen workspace",
                DOUBLE * 4 * u * u), new Term("test kernel m x u", DOUBLE * s.m() * u))));
    }

    @Override
    protected Estimator create(DeepNngpSpec spec, TeacherSpec teacher, long seed) {
        return new DeepNngp(spec);
    }
}
