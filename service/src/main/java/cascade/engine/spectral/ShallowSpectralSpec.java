package cascade.engine.spectral;

import cascade.engine.spec.DirectionRule;
import cascade.engine.spec.EstimatorSpec;

/**
 * Shallow (two-layer) spectral estimator: one spectral step on the degree-2q Hermite features of
 * the input, no intermediate layer; the non-adaptive side of the depth-separation comparison (P3).
 */
public record ShallowSpectralSpec(
        String name,
        DirectionRule directions,
        int iterations,
        int oversample,
        double tolerance) implements EstimatorSpec {

    public static final String KIND = "shallow-spectral";

    @Override
    public String kind() {
        return KIND;
    }
}
