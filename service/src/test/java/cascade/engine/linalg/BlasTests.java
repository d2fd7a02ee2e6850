package cascade.engine.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.random.Streams;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

class BlasTests {

    static double[] random(int n, String purpose) {
        return Streams.normals(Streams.provider(42, purpose), n);
    }

    /** GEMM in all four transpose combinations against a triple loop (1e-12 relative). */
    @Test
    void gemmMatchesATripleLoop() {
        int m = 7;
        int n = 5;
        int k = 9;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                double[] a = random(m * k, "a");
                double[] b = random(k * n, "b");
                double[] c = random(m * n, "c");
                double[] expected = c.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int l = 0; l < k; l++) {
                            s += (ta ? a[l * m + i] : a[i * k + l]) * (tb ? b[j * k + l] : b[l * n + j]);
                        }
                        expected[i * n + j] = 2 * s + 0.5 * c[i * n + j];
                    }
                }
                Blas.gemm(ta, tb, m, n, k, 2, a, b, 0.5, c);
                assertThat(c).containsExactly(expected, within(1e-12));
            }
        }
    }

    /**
     * Products large enough to go in pieces (more than 2^30 multiply-adds: split over the rows of C
     * when m >= k, else over the inner dimension), all transposes, against a loop on every 997th
     * entry (1e-10 absolute on sums of 200..2000 products).
     */
    @Test
    void piecewiseGemmMatchesALoop() {
        int[][] shapes = {{9000, 600, 200}, {200, 600, 9000}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            double[] a = random(m * k, "pa");
            double[] b = random(k * n, "pb");
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    double[] c = random(m * n, "pc");
                    double[] c0 = c.clone();
                    Blas.gemm(ta, tb, m, n, k, 1.5, a, b, 0.5, c);
                    for (int e = 0; e < m * n; e += 997) {
                        int i = e / n;
                        int j = e % n;
                        double sum = 0;
                        for (int l = 0; l < k; l++) {
                            sum += (ta ? a[l * m + i] : a[i * k + l]) * (tb ? b[j * k + l] : b[l * n + j]);
                        }
                        assertThat(c[e]).as("%s (%d,%d) ta=%s tb=%s", java.util.Arrays.toString(shape), i, j, ta, tb)
                                .isCloseTo(1.5 * sum + 0.5 * c0[e], within(1e-10));
                    }
                }
            }
        }
    }

    /** Signed weighted Gram (two SYRKs) against a triple loop, including zero weights (1e-12). */
    @Test
    void weightedGramMatchesATripleLoop() {
        int n = 23;
        int m = 6;
        double[] x = random(n * m, "wx");
        double[] w = random(n, "w");
        w[3] = 0;
        double[] c = random(m * m, "wc");
        double[] sym = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                sym[i * m + j] = c[i * m + j] + c[j * m + i];
            }
        }
        double[] expected = new double[m * m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[i * m + a] * w[i] * x[i * m + b];
                }
                expected[a * m + b] = 0.5 * s + 2 * sym[a * m + b];
            }
        }
        Blas.weightedGram(n, m, x, w, 0.5, 2, sym);
        assertThat(sym).containsExactly(expected, within(1e-12));
    }

    /**
     * Weighted Gram and plain Gram over an offset range of rows, long enough to span several SYRK
     * chunks (chunk = 2^20 / m rows), against a double loop (1e-9 absolute on sums of ~3000 terms).
     */
    @Test
    void chunkedGramsOverARowRangeMatchALoop() {
        int m = 400;
        int total = 3200;
        int from = 300;
        int rows = 2800; // > 2 chunks of 2621 rows at m = 400
        double[] x = random(total * m, "cx");
        double[] w = random(total, "cw");
        double[] gw = new double[m * m];
        double[] g1 = new double[m * m];
        Blas.weightedGram(x, from, rows, m, w, 1.0, 0.0, gw);
        Blas.gram(x, from, rows, m, 1.0, 0.0, g1);
        // Every 7th entry in both triangles (about 23000 of 160000), each summed over the rows.
        for (int e = 0; e < m * m; e += 7) {
            int a = e / m;
            int b = e % m;
            double sw = 0;
            double s1 = 0;
            for (int i = from; i < from + rows; i++) {
                double p = x[i * m + a] * x[i * m + b];
                sw += w[i] * p;
                s1 += p;
            }
            assertThat(gw[e]).as("weighted (%d, %d)", a, b).isCloseTo(sw, within(1e-9));
            assertThat(g1[e]).as("plain (%d, %d)", a, b).isCloseTo(s1, within(1e-9));
        }
    }

    /**
     * The thread count set through the facade is the one the critical-downcall library reports:
     * JavaCPP also loads a second OpenBLAS (libopenblas_nolapack), and setting only that one left
     * the library that does the work at one thread per core.
     */
    @Test
    void threadCountReachesTheLibraryThatComputes() {
        int before = Blas.threads();
        try {
            Blas.setThreads(1);
            assertThat(Blas.threads()).isEqualTo(1);
            Blas.setThreads(2);
            assertThat(Blas.threads()).isEqualTo(2);
        } finally {
            Blas.setThreads(before);
        }
    }

    /**
     * Top-k by |lambda| through tridiagonalisation + MRRR on the two tails, against Commons Math's
     * EigenDecomposition (an independent Java implementation) on a noise matrix with planted spikes
     * of both signs: values within 1e-9, eigenvectors within 1e-7 after the same sign convention.
     */
    @Test
    void topByMagnitudeMatchesAnIndependentEigendecomposition() {
        int n = 120;
        int k = 8;
        double[] g = random(n * n, "tm");
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (g[i * n + j] + g[j * n + i]) / Math.sqrt(2 * n);
            }
        }
        double[] spikes = {6, -5, 4.5, -4, 3.2};
        for (int s = 0; s < spikes.length; s++) {
            double[] u = random(n, "spike" + s);
            double norm = Math.sqrt(Arrays.stream(u).map(v -> v * v).sum());
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] += spikes[s] * u[i] * u[j] / (norm * norm);
                }
            }
        }
        double[][] top = Blas.topByMagnitude(a, n, k);
        var ref = new org.apache.commons.math3.linear.EigenDecomposition(
                new Array2DRowRealMatrix(reshape(a, n)));
        double[] values = ref.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(Math.abs(values[y]), Math.abs(values[x])));
        for (int r = 0; r < k; r++) {
            assertThat(top[0][r]).isCloseTo(values[order[r]], within(1e-9));
            double[] v = ref.getEigenvector(order[r]).toArray();
            Signs.fix(v, 0, n);
            assertThat(Arrays.copyOfRange(top[1], r * n, (r + 1) * n)).containsExactly(v, within(1e-7));
        }
    }

    private static double[][] reshape(double[] a, int n) {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, out[i], 0, n);
        }
        return out;
    }

    /** Eigenvalues of the tridiagonal Toeplitz matrix (2, -1): 2 - 2 cos(k pi / (n + 1)), closed form. */
    @Test
    void symmetricEigenvaluesOfAKnownMatrix() {
        int n = 12;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i > 0) {
                a[i * n + i - 1] = -1;
                a[(i - 1) * n + i] = -1;
            }
        }
        SymmetricEigen eig = Blas.eigh(a, n);
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }
        Arrays.sort(expected);
        assertThat(eig.values()).containsExactly(expected, within(1e-12));
        // A v = lambda v for the returned vectors
        for (int j = 0; j < n; j++) {
            double[] v = eig.vector(j);
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int l = 0; l < n; l++) {
                    av += a[i * n + l] * v[l];
                }
                assertThat(av).isCloseTo(eig.values()[j] * v[i], within(1e-12));
            }
        }
        int[] top = eig.topByMagnitude(2);
        assertThat(eig.values()[top[0]]).isEqualTo(expected[n - 1]);
    }

    /** SPD solve against Commons Math's Cholesky (1e-10); singular values against its SVD. */
    @Test
    void choleskySolveAndSingularValuesMatchCommonsMath() {
        int n = 8;
        double[] g = random(n * n, "spd");
        double[] a = new double[n * n];
        Blas.gram(n, n, 1.0, g, 0.0, a);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += 1;
        }
        double[] b = random(n, "rhs");
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(a, i * n, (i + 1) * n);
        }
        double[] expected = new CholeskyDecomposition(new Array2DRowRealMatrix(rows)).getSolver()
                .solve(new org.apache.commons.math3.linear.ArrayRealVector(b)).toArray();
        double[] x = b.clone();
        assertThat(Blas.solveSpd(a.clone(), n, x, 1)).isTrue();
        assertThat(x).containsExactly(expected, within(1e-10));
        double[] rect = random(5 * 3, "svd");
        double[][] r = new double[5][];
        for (int i = 0; i < 5; i++) {
            r[i] = Arrays.copyOfRange(rect, i * 3, (i + 1) * 3);
        }
        assertThat(Blas.singularValues(rect, 5, 3)).containsExactly(
                new SingularValueDecomposition(new Array2DRowRealMatrix(r)).getSingularValues(), within(1e-12));
    }

    /** Thin QR leaves orthonormal columns spanning the input (Q^T Q = I, 1e-12). */
    @Test
    void orthonormalizedColumnsAreOrthonormal() {
        int m = 30;
        int n = 4;
        double[] a = random(m * n, "qr");
        Blas.orthonormalizeColumns(a, m, n);
        double[] g = new double[n * n];
        Blas.gram(m, n, 1.0, a, 0.0, g);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(g[i * n + j]).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }
}
