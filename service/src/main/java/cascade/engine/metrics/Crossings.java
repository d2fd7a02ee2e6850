package cascade.engine.metrics;

import java.util.OptionalDouble;

/** Crossing sample size of a recovery curve (SCIENCE.md 5). */
public final class Crossings {

    private Crossings() {
    }

    /**
     * The n at which cos2 (seed means, at increasing n) first reaches {@code level}, interpolating
     * cos2 linearly in log n between the bracketing points; the first n when it already starts at
     * or above the level; empty when it never reaches it.
     */
    public static OptionalDouble crossing(double[] n, double[] cos2, double level) {
        for (int i = 0; i < n.length; i++) {
            if (cos2[i] >= level) {
                if (i == 0) {
                    return OptionalDouble.of(n[0]);
                }
                double t = (level - cos2[i - 1]) / (cos2[i] - cos2[i - 1]);
                double logN = Math.log(n[i - 1]) + t * (Math.log(n[i]) - Math.log(n[i - 1]));
                return OptionalDouble.of(Math.exp(logN));
            }
        }
        return OptionalDouble.empty();
    }
}
