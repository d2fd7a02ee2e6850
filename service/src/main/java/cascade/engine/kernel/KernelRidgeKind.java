package cascade.engine.kernel;

import static cascade.engine.MemoryEstimate.DOUBLE;

import cascade.engine.Estimator;
import cascade.engine.EstimatorKind;
import cascade.engine.MemoryEstimate.Phase;
import cascade.engine.MemoryEstimate.Shape;
import cascade.engine.MemoryEstimate.Term;
import cascade.engine.Requires;
import cascade.engine.SizeField;
import cascade.engine.spec.Catalog;
import cascade.engine.spec.Param;
import cascade.engine.spec.RidgeChoice;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.Tree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kernel-ridge} kind: {@link KernelRidge} from a {@link KernelRidgeSpec}, on any
 * teacher's raw inputs.
 *
 * <p>Memory (u = min(n, maxTrain)): the u x d training copy + the u x u kernel; fixed ridge:
 * Cholesky, 3 u^2 (the eigen fallback for a singular kernel is not counted); loo: 6 u^2 + 4 x 25 x u
 * for the grid; prediction: {@link KernelRidge#PREDICT_BLOCK_ELEMENTS} doubles of cross-kernel.
 */
public final class KernelRidgeKind extends EstimatorKind<KernelRidgeSpec> {

    /** The kernels, in the order GET /estimators lists them. */
    public static final List<String> KERNELS = List.of("rbf", "polynomial", "quadratic", "arccos");

    private static final Param<KernelRidgeSpec, KernelRidgeSpec.Kernel> KERNEL = Param.of(
            new Catalog.Parameter("kernel", "object", false, "{\"kind\":\"rbf\"}", null, null, KERNELS,
                    "{kind: rbf (median heuristic) | polynomial (1 + x.x'/d)^degree | quadratic | arccos, degree}"),
            KernelRidgeKind::readKernel, new KernelRidgeSpec.Kernel("rbf", 0), s -> writeKernel(s.kernel()));
    private static final Param<KernelRidgeSpec, RidgeChoice> RIDGE = Param.ridge(RidgeChoice.of(1e-4),
            KernelRidgeSpec::ridge);
    private static final Param<KernelRidgeSpec, Integer> MAX_TRAIN = Param.integer("maxTrain", 4000, 10, 40_000,
            KernelRidgeSpec::maxTrain, "training samples used at most (reported when it bites)");

    public KernelRidgeKind() {
        super(KernelRidgeSpec.KIND, KernelRidgeSpec.class, Requires.ANY_TEACHER,
                "Kernel ridge regression on the inputs, ridge lambda*n.", "SCIENCE.md 4 Baselines",
                List.of(KERNEL, RIDGE, MAX_TRAIN));
    }

    @Override
    protected KernelRidgeSpec read(Tree t, String name, @Nullable TeacherSpec teacher) {
        return new KernelRidgeSpec(name, KERNEL.read(t), RIDGE.read(t), MAX_TRAIN.read(t));
    }

    private static KernelRidgeSpec.Kernel readKernel(Tree t, String key, KernelRidgeSpec.Kernel fallback) {
        Tree kt = t.object(key);
        if (kt == null) {
            return fallback;
        }
        String kind = kt.choice("kind", "rbf", KERNELS);
        int degree = switch (kind) {
            case "polynomial" -> kt.integer("degree", 4, 1, 12);
            case "arccos" -> kt.integer("degree", 1, 1, 2);
            default -> {
                if (kt.has("degree")) {
                    kt.error("degree", "applies only to polynomial and arccos kernels");
                }
                yield 0;
            }
        };
        kt.finish();
        return new KernelRidgeSpec.Kernel(kind, degree);
    }

    private static Map<String, Object> writeKernel(KernelRidgeSpec.Kernel kernel) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kernel.kind());
        if (kernel.kind().equals("polynomial") || kernel.kind().equals("arccos")) {
            m.put("degree", kernel.degree());
        }
        return m;
    }

    @Override
    protected List<SizeField> sizes(KernelRidgeSpec spec) {
        return List.of(SizeField.kernelTrain("maxTrain", spec.maxTrain()));
    }

    @Override
    protected List<Phase> memory(KernelRidgeSpec k, Shape s) {
        long u = k.maxTrain() > 0 ? Math.min(s.n(), k.maxTrain()) : s.n();
        Term x = new Term("training copy u x d", DOUBLE * u * s.d());
        Term solve = k.ridge().isLeaveOneOut()
                ? new Term("kernel u x u, leave-one-out eigendecomposition 6 u^2 + grid 4 x 25 u",
                        DOUBLE * (6 * u * u + 4L * RidgeMemory.LOO_GRID * u))
                : new Term("kernel u x u, Cholesky 3 u^2 (heap, native copy, transpose)", DOUBLE * 3 * u * u);
        return List.of(new Phase("kernel solve", List.of(x, solve)), new Phase("predict",
                List.of(x, new Term("cross-kernel block", DOUBLE * KernelRidge.PREDICT_BLOCK_ELEMENTS))));
    }

    @Override
    protected Estimator create(KernelRidgeSpec spec, TeacherSpec teacher, long seed) {
        return new KernelRidge(spec);
    }
}
