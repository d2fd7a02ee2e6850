package cascade.engine.spec;

import org.jspecify.annotations.Nullable;

/**
 * One CI expectation (CONTRACT.md {@code expect}). Quantities: {@code exponent} (fitted slope),
 * {@code crossing} (needs {@code direction}), and any curve metric such as {@code nmse} or
 * {@code overlapA} at a sample size {@code n}. Passes when |actual - value| <= tolerance
 * (times |value| when {@code relative}).
 */
public record Expectation(
        String estimator,
        String quantity,
        double value,
        double tolerance,
        boolean relative,
        @Nullable Integer direction,
        @Nullable Integer n) {
}
