package cascade.engine.lofi;

import static cascade.engine.MemoryEstimate.DOUBLE;

import cascade.engine.Estimator;
import cascade.engine.EstimatorKind;
import cascade.engine.MemoryEstimate.Phase;
import cascade.engine.MemoryEstimate.Shape;
import cascade.engine.MemoryEstimate.Term;
import cascade.engine.Requires;
import cascade.engine.SizeField;
import cascade.engine.kernel.RandomFeaturesKind;
import cascade.engine.spec.Catalog;
import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.Param;
import cascade.engine.spec.RidgeChoice;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.Tree;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code neural-lofi} kind: {@link FiniteLofi} or, in the kernel limit, {@link KernelLofi},
 * from a {@link NeuralLofiSpec}; on any teacher's raw inputs. Finite layer widths and the kernel
 * limit's training cap are token-limited sizes.
 *
 * <p>Memory, finite width: per layer the random weights (in x P), the expanded train and test
 * features (n + m) x P, the P x P signed covariance with its eigendecomposition workspace
 * (3 P^2); then the readout's features and Gram. The kernel limit: the capped sample-space kernel
 * ({@link DeepNngpKind#kernelForm}).
 */
public final class NeuralLofiKind extends EstimatorKind<NeuralLofiSpec> {

    /** Most layers of one spec. */
    public static final int MAX_LAYERS = 10;
    /** Widest reducing layer: it diagonalises a dense P x P matrix (8192: 512 MiB, minutes). */
    public static final int MAX_WIDTH = 8192;
    /** The layers neural-lofi runs when a spec names none: one reducing layer, then random features. */
    public static final List<NeuralLofiSpec.Layer> DEFAULT_LAYERS = List.of(new NeuralLofiSpec.Layer(2048, 16, "relu"),
            new NeuralLofiSpec.Layer(2048, null, "relu"));

    private static final Param<NeuralLofiSpec, List<NeuralLofiSpec.Layer>> LAYERS = Param.of(
            new Catalog.Parameter("layers", "array", false,
                    "[{width: 2048, directions: 16, activation: relu}, {width: 2048, activation: relu}]", null, null,
                    null, "1-10 layers {width (1.." + MAX_WIDTH + ", default 2048; ignored in the kernel limit), "
                            + "directions (K kept; absent: no reduction), activation (default relu; relu only in the "
                            + "kernel limit)}"),
            LofiLayers::read, DEFAULT_LAYERS, s -> LofiLayers.write(s.layers()));
    private static final Param<NeuralLofiSpec, Boolean> CENTERED = Param.bool("centered", true,
            NeuralLofiSpec::centered, "subtract the training means of y and of Z's columns before forming C "
                    + "(false: the reference code's uncentred covariance)");
    private static final Param<NeuralLofiSpec, String> LIMIT = Param.choice("limit", NeuralLofiSpec.FINITE,
            List.of(NeuralLofiSpec.FINITE, NeuralLofiSpec.KERNEL), NeuralLofiSpec::limit,
            "finite width, or the P -> infinity kernel limit");
    private static final Param<NeuralLofiSpec, RidgeChoice> RIDGE = Param.ridge(RidgeChoice.loo(),
            NeuralLofiSpec::ridge);
    private static final Param<NeuralLofiSpec, Integer> MAX_TRAIN = Param.integer("maxTrain", 4000, 10,
            DeepNngpKind.MAX_TRAIN, NeuralLofiSpec::maxTrain,
            "kernel limit only: training samples used at most (n x n matrices; reported when it bites)");
    private static final Param<NeuralLofiSpec, Integer> HISTOGRAM = Param.integer("histogram", 32, 0, 1000,
            NeuralLofiSpec::histogram, "bins of each layer's eigenvalue histogram (0: none)");
    private static final Param<NeuralLofiSpec, Boolean> SPLIT = Param.bool("split", false, NeuralLofiSpec::split,
            "finite width only: layers fitted on the first half of the samples, the readout on the second half");

    public NeuralLofiKind() {
        super(NeuralLofiSpec.KIND, NeuralLofiSpec.class, Requires.ANY_TEACHER,
                "Neural LoFi: per layer a random expansion Z = act(h W / c)/sqrt(P), the signed covariance "
                        + "(1/n) Z^T diag(y) Z, its top-K eigenvectors by |lambda|, h <- Z V; ridge readout with "
                        + "intercept. limit kernel: arc-cosine kernels, G^1/2 diag(y) G^1/2 in sample space.",
                "SCIENCE.md 4; P2 arXiv 2605.13612",
                List.of(LAYERS, CENTERED, LIMIT, RIDGE, MAX_TRAIN, HISTOGRAM, SPLIT));
    }

    @Override
    protected @Nullable NeuralLofiSpec read(Tree t, String name, @Nullable TeacherSpec teacher) {
        int before = t.errors().size();
        String limit = LIMIT.read(t);
        List<NeuralLofiSpec.Layer> layers = LAYERS.read(t);
        boolean centered = CENTERED.read(t);
        RidgeChoice ridge = RIDGE.read(t);
        int maxTrain = MAX_TRAIN.read(t);
        int histogram = HISTOGRAM.read(t);
        boolean split = SPLIT.read(t);
        if (split && limit.equals(NeuralLofiSpec.KERNEL)) {
            t.error("split", "applies to limit finite only");
        }
        if (t.errors().size() > before || layers.isEmpty()) {
            return null;
        }
        return new NeuralLofiSpec(name, layers, centered, limit, ridge, maxTrain, histogram, split);
    }

    @Override
    protected List<SizeField> sizes(NeuralLofiSpec spec) {
        if (spec.kernelLimit()) {
            return List.of(SizeField.kernelTrain("maxTrain", spec.maxTrain()));
        }
        List<SizeField> sizes = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            sizes.add(SizeField.width("layers[" + i + "].width", spec.layers().get(i).width()));
        }
        return sizes;
    }

    @Override
    protected List<Phase> memory(NeuralLofiSpec l, Shape s) {
        if (l.kernelLimit()) {
            return DeepNngpKind.kernelForm(s, l.maxTrain());
        }
        List<Phase> phases = new ArrayList<>();
        long in = s.d();
        long rows = s.n() + s.m();
        for (NeuralLofiSpec.Layer layer : l.layers()) {
            long width = layer.width();
            phases.add(new Phase("layer width " + width, List.of(
                    new Term("random weights in x P", DOUBLE * in * width),
                    new Term("expanded features (n + m) x P", DOUBLE * rows * width),
                    new Term("signed covariance P x P + eigen workspace 3 P^2", DOUBLE * 4 * width * width))));
            in = layer.reduces() ? layer.directions() : width;
        }
        phases.add(new Phase("ridge readout", List.of(new Term("readout features (n + m) x P + P x P",
                DOUBLE * (rows * in + in * in)))));
        return phases;
    }

    @Override
    protected Estimator create(NeuralLofiSpec spec, TeacherSpec teacher, long seed) {
        return spec.kernelLimit() ? new KernelLofi(spec)
                : new FiniteLofi(spec, seed, teacher instanceof DatasetTeacher ? null : teacher.featureMap());
    }

    /** Reading and writing the layers list. */
    private static final class LofiLayers {

        static List<NeuralLofiSpec.Layer> read(Tree t, String key, List<NeuralLofiSpec.Layer> fallback) {
            if (!t.has(key)) {
                return fallback;
            }
            // The kernel limit allows relu only; the limit is valid exactly when it is the string "kernel".
            boolean kernel = NeuralLofiSpec.KERNEL.equals(t.raw("limit"));
            List<NeuralLofiSpec.Layer> layers = t.list(key, MAX_LAYERS, item -> {
                Tree lt = item.object();
                return lt == null ? null : layer(lt, kernel);
            });
            if (t.raw(key) instanceof List<?> l && l.isEmpty()) {
                t.error(key, "must list 1 to " + MAX_LAYERS + " layers, got " + l.size());
            }
            return layers;
        }

        private static NeuralLofiSpec.@Nullable Layer layer(Tree lt, boolean kernel) {
            int errs = lt.errors().size();
            int width = lt.integer("width", 2048, 1, MAX_WIDTH);
            Integer directions = lt.optionalInteger("directions", 1, 1000);
            if (directions != null && directions > width) {
                lt.error("directions", "must be at most the layer's width " + width + ", was " + directions);
            }
            String activation = lt.choice("activation", "relu", RandomFeaturesKind.ACTIVATIONS);
            if (kernel && !activation.equals("relu")) {
                lt.error("activation", "the kernel limit supports relu only (arc-cosine kernel), was " + activation);
            }
            lt.finish();
            return lt.errors().size() > errs ? null : new NeuralLofiSpec.Layer(width, directions, activation);
        }

        static List<Object> write(List<NeuralLofiSpec.Layer> layers) {
            List<Object> out = new ArrayList<>();
            for (NeuralLofiSpec.Layer layer : layers) {
                java.util.Map<String, Object> x = new java.util.LinkedHashMap<>();
                x.put("width", layer.width());
                if (layer.directions() != null) {
                    x.put("directions", layer.directions());
                }
                x.put("activation", layer.activation());
                out.add(x);
            }
            return out;
        }
    }
}
