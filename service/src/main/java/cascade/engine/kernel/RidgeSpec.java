package cascade.engine.kernel;

import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.RidgeChoice;

/** Ridge regression with intercept on the raw inputs. */
public record RidgeSpec(String name, RidgeChoice ridge) implements EstimatorSpec {

    public static final String KIND = "ridge";

    @Override
    public String kind() {
        return KIND;
    }
}
