package cascade.engine.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StreamsTests {

    /** Row i of a stream does not depend on how rows are batched (bit-identical). */
    @Test
    void rowsAreIndependentOfBatching() {
        int rows = 1000;
        int cols = 7;
        double[] all = new double[rows * cols];
        Streams.normals(3, 9, 0, rows, cols, all);
        for (int batch : new int[] {7, 333}) {
            double[] chunked = new double[rows * cols];
            for (int from = 0; from < rows; from += batch) {
                int r = Math.min(batch, rows - from);
                double[] part = new double[r * cols];
                Streams.normals(3, 9, from, r, cols, part);
                System.arraycopy(part, 0, chunked, from * cols, r * cols);
            }
            assertThat(chunked).isEqualTo(all);
        }
        double[] other = new double[rows * cols];
        Streams.normals(4, 9, 0, rows, cols, other);
        assertThat(other).isNotEqualTo(all);
    }

    /**
     * Standard normal moments (mean 0, variance 1, kurtosis 3) from 10^6 draws: tolerances are
     * 5 standard errors (sqrt(1/n), sqrt(2/n), sqrt(96/n)).
     */
    @Test
    void drawsHaveStandardNormalMoments() {
        int n = 1_000_000;
        double[] x = new double[n];
        Streams.normals(1, 1, 0, n / 10, 10, x);
        double m1 = 0;
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            m1 += v / n;
            m2 += v * v / n;
            m4 += v * v * v * v / n;
        }
        assertThat(m1).isCloseTo(0, within(5 * Math.sqrt(1.0 / n)));
        assertThat(m2).isCloseTo(1, within(5 * Math.sqrt(2.0 / n)));
        assertThat(m4).isCloseTo(3, within(5 * Math.sqrt(96.0 / n)));
    }
}
