package cascade.engine.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.features.FeatureMap;
import cascade.engine.features.Hermite2;
import cascade.engine.random.Streams;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class SpectralOperatorTests {

    static final int D_IN = 6;
    static final int N = 9000; // more than two batches of 4096

    static double[] inputs() {
        double[] x = new double[N * D_IN];
        Streams.normals(1, 2, 0, N, D_IN, x);
        return x;
    }

    static double[] labels(double[] x) {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = x[i * D_IN] * x[i * D_IN + 1] + 0.5 * (x[i * D_IN + 2] * x[i * D_IN + 2] - 1) + 0.1;
        }
        return y;
    }

    /** M = (1/n) sum y (z z^T - I), written out with plain loops: the independent reference. */
    static double[] denseReference(double[] x, double[] y, FeatureMap map) {
        int dim = map.outputDimension();
        double[] z = new double[dim];
        double[] m = new double[dim * dim];
        for (int i = 0; i < N; i++) {
            map.apply(Arrays.copyOfRange(x, i * D_IN, (i + 1) * D_IN), 1, z);
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b < dim; b++) {
                    m[a * dim + b] += y[i] * (z[a] * z[b] - (a == b ? 1 : 0)) / N;
                }
            }
        }
        return m;
    }

    /** The batched, matrix-free application equals the dense operator applied directly (1e-10). */
    @Test
    void batchedApplicationEqualsTheDenseOperator() {
        double[] x = inputs();
        double[] y = labels(x);
        FeatureMap map = new Hermite2(D_IN);
        int dim = map.outputDimension();
        double[] m = denseReference(x, y, map);
        SpectralOperator op = new SpectralOperator(Inputs.of(x, N, D_IN), map, y, 0, N, false, RunControl.NONE);
        int k = 3;
        double[] v = Streams.normals(Streams.provider(5, "v"), dim * k);
        double[] out = new double[dim * k];
        op.apply(v, k, out);
        for (int a = 0; a < dim; a++) {
            for (int c = 0; c < k; c++) {
                double expected = 0;
                for (int b = 0; b < dim; b++) {
                    expected += m[a * dim + b] * v[b * k + c];
                }
                assertThat(out[a * k + c]).isCloseTo(expected, within(1e-10));
            }
        }
        assertThat(op.dense()).containsExactly(m, within(1e-10));
        // float32 precision: same operator to single-precision accuracy (relative 1e-4).
        SpectralOperator single = new SpectralOperator(Inputs.of(x, N, D_IN), map, y, 0, N, true, RunControl.NONE);
        double[] outF = new double[dim * k];
        single.apply(v, k, outF);
        for (int i = 0; i < out.length; i++) {
            assertThat(outF[i]).isCloseTo(out[i], within(1e-4));
        }
    }

    /**
     * Block power iteration with Rayleigh-Ritz finds the eigenvalues of largest |lambda| of the
     * operator: compared with Commons Math's EigenDecomposition of the dense reference (1e-6).
     */
    @Test
    void blockPowerIterationMatchesAFullEigendecomposition() {
        double[] x = inputs();
        double[] y = labels(x);
        FeatureMap map = new Hermite2(D_IN);
        int dim = map.outputDimension();
        double[] m = denseReference(x, y, map);
        double[][] rows = new double[dim][dim];
        for (int a = 0; a < dim; a++) {
            rows[a] = Arrays.copyOfRange(m, a * dim, (a + 1) * dim);
        }
        double[] reference = Arrays.stream(new EigenDecomposition(new Array2DRowRealMatrix(rows)).getRealEigenvalues())
                .boxed().sorted((a, b) -> Double.compare(Math.abs(b), Math.abs(a))).mapToDouble(Double::doubleValue)
                .toArray();
        SpectralOperator op = new SpectralOperator(Inputs.of(x, N, D_IN), map, y, 0, N, false, RunControl.NONE);
        Eigenpairs eig = TopEigen.iterate(op, 3, 6, 500, 1e-10, 1, RunControl.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(eig.values()[i]).isCloseTo(reference[i], within(1e-6));
        }
        assertThat(eig.residual()).isLessThan(1e-8);
        Eigenpairs exact = TopEigen.exact(op, 3, RunControl.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(exact.values()[i]).isCloseTo(reference[i], within(1e-10));
        }
    }
}
