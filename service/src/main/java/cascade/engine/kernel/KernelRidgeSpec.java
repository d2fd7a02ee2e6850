package cascade.engine.kernel;

import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.RidgeChoice;

/**
 * Kernel ridge regression on the inputs. The ridge is lambda * n. {@code maxTrain} caps the
 * number of training samples used (an n x n kernel must fit); a cap that bites is reported in the
 * run's info, never silent.
 */
public record KernelRidgeSpec(String name, Kernel kernel, RidgeChoice ridge, int maxTrain) implements EstimatorSpec {

    public static final String KIND = "kernel-ridge";

    @Override
    public String kind() {
        return KIND;
    }

    /** rbf (median heuristic), polynomial (1 + x.x'/d)^degree, quadratic (x.x')^2 + x.x' + 1, arccos. */
    public record Kernel(String kind, int degree) {
    }
}
