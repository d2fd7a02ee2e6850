package cascade.engine.spec;

import org.jspecify.annotations.Nullable;

/**
 * One CI expectation (CONTRACT.md {@code expect}). Quantities: {@code exponent} (the fitted
 * slope of the estimator), {@code crossing} (the n where {@code direction}'s cos2 reaches 0.5),
 * and any curve metric such as {@code nmse} or {@code overlapA} at a sample size {@code n}.
 * The expected value is {@code value} ({@link Against#VALUE}) or the same quantity of the
 * baseline experiment ({@link Against#BASELINE}; {@code value} is then null). Passes when
 * |actual - expected| <= tolerance, times |expected| when {@code relative}.
 */
public record Expectation(
        String estimator,
        String quantity,
        @Nullable Double value,
        double tolerance,
        boolean relative,
        @Nullable Integer direction,
        @Nullable Integer n,
        Against against) {

    /** What the actual value is compared with. */
    public enum Against {
        VALUE("value"), BASELINE("baseline");

        private final String json;

        Against(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** The allowed absolute deviation from {@code expected}. */
    public double allowed(double expected) {
        return relative ? tolerance * Math.abs(expected) : tolerance;
    }
}
