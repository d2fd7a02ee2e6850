package cascade.engine.lofi;

import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.RidgeChoice;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Neural LoFi (P2, SCIENCE.md 4): per layer a random expansion Z = act(h W / c) / sqrt(P), the
 * signed covariance C = (1/n) Z^T diag(y) Z, its top-K eigenvectors by |lambda| (absent K: no
 * reduction, plain random features), h <- Z V; then a ridge readout with intercept.
 *
 * @param layers    the layers in order (at least one)
 * @param centered  subtract the training means of y and of Z's columns before forming C
 * @param limit     "finite" (width P) or "kernel" (P -> infinity: arc-cosine kernels in sample space)
 * @param ridge     readout ridge (lambda n) or exact leave-one-out
 * @param maxTrain  kernel limit only: training samples used at most (n x n matrices); reported when it bites
 * @param histogram bins of the per-layer eigenvalue histogram (0: none)
 * @param split     finite width only: the layers (c, means, C) are fitted on the first half of the
 *                  training samples and the readout on the second half (the papers use all n for
 *                  every layer, SCIENCE.md 4)
 */
public record NeuralLofiSpec(
        String name,
        List<Layer> layers,
        boolean centered,
        String limit,
        RidgeChoice ridge,
        int maxTrain,
        int histogram,
        boolean split) implements EstimatorSpec {

    public static final String KIND = "neural-lofi";
    public static final String FINITE = "finite";
    public static final String KERNEL = "kernel";

    public NeuralLofiSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("neural-lofi needs at least one layer");
        }
        if (!limit.equals(FINITE) && !limit.equals(KERNEL)) {
            throw new IllegalArgumentException("limit must be finite or kernel, was " + limit);
        }
        if (split && limit.equals(KERNEL)) {
            throw new IllegalArgumentException("split applies to limit finite only");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    public boolean kernelLimit() {
        return limit.equals(KERNEL);
    }

    /**
     * One layer: random width P, directions K kept (null: no reduction), activation.
     */
    public record Layer(int width, @Nullable Integer directions, String activation) {

        public Layer {
            if (width < 1) {
                throw new IllegalArgumentException("width must be positive");
            }
            if (directions != null && (directions < 1 || directions > width)) {
                throw new IllegalArgumentException("directions must be in [1, width]");
            }
        }

        public boolean reduces() {
            return directions != null;
        }
    }
}
