package cascade.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.random.Streams;
import java.util.OptionalDouble;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class MetricsTests {

    /** Hungarian assignment against brute force over every injective assignment (exact). */
    @Test
    void hungarianMatchesBruteForce() {
        UniformRandomProvider rng = Streams.provider(1, "hungarian");
        for (int[] shape : new int[][] {{6, 6}, {5, 7}, {7, 4}}) {
            for (int trial = 0; trial < 20; trial++) {
                int rows = shape[0];
                int cols = shape[1];
                double[] cost = new double[rows * cols];
                for (int i = 0; i < cost.length; i++) {
                    cost[i] = rng.nextDouble();
                }
                int[] match = Hungarian.assign(cost, rows, cols);
                double got = 0;
                for (int i = 0; i < rows; i++) {
                    if (match[i] >= 0) {
                        got += cost[i * cols + match[i]];
                    }
                }
                assertThat(got).isCloseTo(bruteForce(cost, rows, cols, 0, new boolean[cols], rows > cols ? rows - cols : 0),
                        within(1e-12));
            }
        }
    }

    private static double bruteForce(double[] cost, int rows, int cols, int row, boolean[] used, int skips) {
        if (row == rows) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        if (skips > 0) {
            best = bruteForce(cost, rows, cols, row + 1, used, skips - 1);
        }
        for (int c = 0; c < cols; c++) {
            if (!used[c]) {
                used[c] = true;
                best = Math.min(best, cost[row * cols + c] + bruteForce(cost, rows, cols, row + 1, used, skips));
                used[c] = false;
            }
        }
        return best;
    }

    /**
     * Estimated directions rotated by a known angle theta in the plane of two teacher directions:
     * per-direction cos^2 = cos^2 theta, subspace overlap = 1 (the plane is the same), and a third
     * teacher direction missing entirely gives cos^2 0 (closed forms).
     */
    @Test
    void overlapsOfAKnownRotation() {
        int dim = 5;
        double t = 0.4;
        double[] a = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0};
        double[] ahat = {Math.cos(t), Math.sin(t), 0, 0, 0, -Math.sin(t), Math.cos(t), 0, 0, 0};
        double[] cos = Overlaps.cosines(a, 2, ahat, 2, dim);
        assertThat(Overlaps.subspace(cos, 2)).isCloseTo(1.0, within(1e-12));
        assertThat(Overlaps.matchedCos2(cos, 2, 2)).containsExactly(new double[] {Math.cos(t) * Math.cos(t),
                Math.cos(t) * Math.cos(t)}, within(1e-12));
        assertThat(Overlaps.principalCos2(cos, 2, 2)).containsExactly(new double[] {1, 1}, within(1e-12));
        double[] a3 = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0};
        double[] cos3 = Overlaps.cosines(a3, 3, ahat, 2, dim);
        double[] matched = Overlaps.matchedCos2(cos3, 3, 2);
        assertThat(matched[2]).isZero();
        assertThat(Overlaps.recoveredRank(matched)).isEqualTo(2);
        assertThat(Overlaps.subspace(cos3, 3)).isCloseTo(2.0 / 3, within(1e-12));
    }

    /** ovH is invariant under rotations of the estimated features and is 1 for the same span. */
    @Test
    void featureOverlapIsRotationInvariant() {
        int n = 2000;
        UniformRandomProvider rng = Streams.provider(2, "ovh");
        double[] h = Streams.normals(rng, n * 2);
        double[] rotated = new double[n * 2];
        double t = 1.1;
        for (int r = 0; r < n; r++) {
            rotated[r * 2] = Math.cos(t) * h[r * 2] + Math.sin(t) * h[r * 2 + 1];
            rotated[r * 2 + 1] = -Math.sin(t) * h[r * 2] + Math.cos(t) * h[r * 2 + 1];
        }
        assertThat(Overlaps.features(h, n, 2, rotated, 2)).isCloseTo(1.0, within(1e-10));
        double[] noise = Streams.normals(rng, n * 2);
        double ov = Overlaps.features(h, n, 2, noise, 2);
        assertThat(ov).isLessThan(0.02); // independent features: ~ k/n
    }

    /** Log-linear interpolation of a crossing, checked by hand: cos2 0.2 at 100, 0.8 at 400 -> 200. */
    @Test
    void crossingsInterpolateInLogN() {
        OptionalDouble c = Crossings.crossing(new double[] {100, 400}, new double[] {0.2, 0.8}, 0.5);
        assertThat(c.getAsDouble()).isCloseTo(200.0, within(1e-9));
        assertThat(Crossings.crossing(new double[] {100, 400}, new double[] {0.1, 0.3}, 0.5)).isEmpty();
        assertThat(Crossings.crossing(new double[] {100, 400}, new double[] {0.7, 0.9}, 0.5).getAsDouble()).isEqualTo(100);
    }

    /** Mean and standard error with ddof 1: values 1, 2, 3 -> mean 2, sd 1, stderr 1/sqrt(3). */
    @Test
    void summaryUsesTheSampleStandardDeviation() {
        Summary s = Summary.of(new double[] {1, 2, 3});
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.stderr()).isCloseTo(1 / Math.sqrt(3), within(1e-12));
        assertThat(Summary.of(new double[] {5}).stderr()).isZero();
    }
}
