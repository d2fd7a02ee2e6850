package cascade.engine;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The measured result of one run, as stored per run and aggregated over seeds.
 *
 * @param metrics       named scalar metrics (nmse, mse, overlapA, ...); only those that apply
 * @param directionCos2 per teacher direction j (index j-1, 1 = strongest) the matched cos^2, or
 *                      null when the estimator has no directions or the teacher none planted
 * @param spectrum      top eigenvalues of the first-layer operator ordered by decreasing |lambda|,
 *                      or null
 * @param info          what the run decided and should be visible: directions kept, caps applied,
 *                      the ridge chosen, split used, iterations, wall seconds (numbers, strings,
 *                      booleans)
 */
public record RunOutcome(
        Map<String, Double> metrics,
        double @Nullable [] directionCos2,
        double @Nullable [] spectrum,
        Map<String, Object> info) {
}
