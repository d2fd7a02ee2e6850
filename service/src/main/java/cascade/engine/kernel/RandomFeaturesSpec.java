package cascade.engine.kernel;

import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.RidgeChoice;

/** Lazy random features: {@code depth} random layers of width P, then a ridge readout. */
public record RandomFeaturesSpec(String name, int width, String activation, int depth, RidgeChoice ridge)
        implements EstimatorSpec {

    public static final String KIND = "random-features";

    @Override
    public String kind() {
        return KIND;
    }
}
