package cascade.engine.spectral;

import cascade.engine.spec.DirectionRule;
import cascade.engine.spec.EstimatorSpec;
import java.util.Locale;

/**
 * Layer-wise spectral estimator (P1, P3): first-layer operator, top directions by |eigenvalue|,
 * second-layer moment, calibrated readout. {@code tolerance} is the residual tolerance that stops
 * the block power iteration; {@code iterations} caps it. {@code histogram} > 0 asks for a
 * histogram of the whole first-layer spectrum in that many bins (the bulk, SCIENCE.md 5).
 */
public record HierarchicalSpectralSpec(
        String name,
        DirectionRule directions,
        int iterations,
        int oversample,
        double tolerance,
        Readout readout,
        boolean split,
        Precision precision,
        int histogram) implements EstimatorSpec {

    public static final String KIND = "hierarchical-spectral";

    @Override
    public String kind() {
        return KIND;
    }

    /** Readout on the recovered features (SCIENCE.md section 4, step 5). */
    public enum Readout {
        CALIBRATED, POLYNOMIAL, RBF_KRR;

        /** calibrated, polynomial, rbf-krr. */
        public String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Floating-point precision of the first-layer operator: float64, float32. */
    public enum Precision {
        FLOAT64, FLOAT32;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
