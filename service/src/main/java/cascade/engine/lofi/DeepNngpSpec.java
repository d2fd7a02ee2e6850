package cascade.engine.lofi;

import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.RidgeChoice;

/**
 * Deep NNGP baseline (SCIENCE.md 4): the arc-cosine (ReLU) kernel composed {@code depth} times,
 * no reduction, kernel ridge with intercept. {@code maxTrain} caps the n x n kernel.
 */
public record DeepNngpSpec(String name, int depth, RidgeChoice ridge, int maxTrain) implements EstimatorSpec {

    public static final String KIND = "deep-nngp";

    public DeepNngpSpec {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }
}
