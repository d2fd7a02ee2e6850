package cascade.engine.spec;

import org.jspecify.annotations.Nullable;

/**
 * Scaling-law fit (SCIENCE.md section 7): which metric, and an optional window; absent bounds
 * mean "chosen from the data". {@code saturating} adds the a n^-b + c fit.
 */
public record FitSpec(String metric, @Nullable Double nMin, @Nullable Double nMax, boolean saturating) {
}
