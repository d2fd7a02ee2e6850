package cascade.engine.metrics;

import java.util.Arrays;

/**
 * A quantity over seeds: mean, standard error of the mean (sample std with ddof 1 over sqrt(k);
 * 0 for a single seed) and the seed values in seed order (SCIENCE.md 5).
 */
public record Summary(double mean, double stderr, double[] values) {

    public static Summary of(double[] values) {
        int k = values.length;
        double mean = Arrays.stream(values).sum() / k;
        if (k < 2) {
            return new Summary(mean, 0.0, values.clone());
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new Summary(mean, Math.sqrt(ss / (k - 1) / k), values.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Summary s && Double.compare(mean, s.mean) == 0 && Double.compare(stderr, s.stderr) == 0
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(mean) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Summary[mean=" + mean + ", stderr=" + stderr + ", values=" + Arrays.toString(values) + "]";
    }
}
