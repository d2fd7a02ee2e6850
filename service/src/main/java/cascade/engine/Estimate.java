package cascade.engine;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The uniform answer of every estimator.
 *
 * @param predictions predicted labels on the test inputs (length test n)
 * @param directions  for spectral estimators the recovered first-layer directions as orthonormal
 *                    rows in the Hermite feature space (k x D, row-major, flat(A) convention of
 *                    SCIENCE.md section 2), else null
 * @param k           number of rows of {@code directions} (0 when null)
 * @param spectrum    top eigenvalues of the first-layer operator by decreasing |lambda|, or null
 * @param info        decisions worth recording (directions kept, ridge chosen, caps applied, ...)
 */
public record Estimate(
        double[] predictions,
        double @Nullable [] directions,
        int k,
        double @Nullable [] spectrum,
        Map<String, Object> info) {
}
