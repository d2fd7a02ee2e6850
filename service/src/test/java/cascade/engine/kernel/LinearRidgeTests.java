package cascade.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.random.Streams;
import cascade.engine.spec.RidgeChoice;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.junit.jupiter.api.Test;

/**
 * Ridge with intercept on raw inputs against an independent solver: Commons Math QR on the
 * augmented least-squares problem [Xc; sqrt(lambda n) I] w = [yc; 0] (Xc, yc centred with the
 * training means), intercept ybar - mean . w. Tolerance 1e-8 relative to the largest |prediction|
 * (both are backward-stable solvers of a well-conditioned problem; the gap is ~1e-13).
 */
class LinearRidgeTests {

    static final double TOL = 1e-8;

    @Test
    void primalMatchesAugmentedQr() {
        checkAgainstQr(60, 8, 0.3);
    }

    @Test
    void dualMatchesAugmentedQrWhenDimensionExceedsSamples() {
        checkAgainstQr(20, 30, 0.05);
    }

    private static void checkAgainstQr(int n, int d, double lambda) {
        double[] x = data(n, d, 1, true);
        double[] y = labels(n, 2);
        double[] xt = data(15, d, 3, true);
        Estimate e = new LinearRidge(new RidgeSpec("ridge", RidgeChoice.of(lambda)))
                .estimate(new Data(Inputs.of(x, n, d), y), Inputs.of(xt, 15, d), RunControl.NONE);
        double[] expected = referencePredict(x, n, d, y, lambda, xt, 15, -1);
        assertClose(expected, e.predictions(), TOL);
        assertEquals(d <= n ? "primal" : "dual", e.info().get("form"));
        assertEquals(lambda, (double) e.info().get("ridge"));
    }

    @Test
    void primalLooResidualsEqualExplicitRefits() {
        int n = 40;
        int d = 6;
        double[] x = data(n, d, 4, true);
        double[] y = labels(n, 5);
        double[] grid = {1e-4, 1e-2, 0.3, 10};
        RidgeSolver.LinearFit fit = RidgeSolver.primal(Inputs.of(x, n, d), y, Double.NaN, grid, true, RunControl.NONE);
        checkLooResiduals(x, n, d, y, grid, fit.selection().residuals());
    }

    @Test
    void dualLooResidualsEqualExplicitRefits() {
        int n = 25;
        int d = 40;
        double[] x = data(n, d, 6, true);
        double[] y = labels(n, 7);
        double[] grid = {1e-4, 1e-2, 0.3, 10};
        double[] phi = x.clone();
        // The dual with intercept: centred Gram, centred labels, through the same entry as dualFeatures.
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += phi[i * d + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                phi[i * d + j] -= mean[j];
            }
        }
        double ybar = RidgeSolver.mean(y);
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - ybar;
        }
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < d; k++) {
                    g[i * n + j] += phi[i * d + k] * phi[j * d + k];
                }
            }
        }
        RidgeSolver.DualFit fit = RidgeSolver.looDual(g, n, yc, true, grid, true, RunControl.NONE);
        checkLooResiduals(x, n, d, y, grid, fit.selection().residuals());
    }

    @Test
    void looSelectsTheArgminOfExplicitLeaveOneOutErrors() {
        int n = 40;
        int d = 6;
        double[] x = data(n, d, 8, false);
        double[] w = labels(d, 9);
        double[] y = new double[n];
        double[] noise = labels(n, 10);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                y[i] += x[i * d + j] * w[j];
            }
            y[i] += 2 * noise[i];
        }
        Estimate e = new LinearRidge(new RidgeSpec("ridge", RidgeChoice.loo()))
                .estimate(new Data(Inputs.of(x, n, d), y), Inputs.of(x, n, d), RunControl.NONE);
        double[] grid = RidgeChoice.looGrid();
        int best = 0;
        double bestMse = Double.POSITIVE_INFINITY;
        for (int k = 0; k < grid.length; k++) {
            double mse = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i] - referencePredict(x, n, d, y, grid[k], x, n, i)[i];
                mse += r * r / n;
            }
            if (mse < bestMse) {
                bestMse = mse;
                best = k;
            }
        }
        assertEquals(grid[best], (double) e.info().get("ridge"));
        assertEquals(bestMse, (double) e.info().get("looMse"), 1e-8 * bestMse);
    }

    /** LOO residuals (n x grid) against n explicit refits per grid value, penalty lambda * n (full n). */
    static void checkLooResiduals(double[] x, int n, int d, double[] y, double[] grid, double[] residuals) {
        int l = grid.length;
        for (int k = 0; k < l; k++) {
            double[] expected = new double[n];
            double[] actual = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = y[i] - referencePredict(x, n, d, y, grid[k], x, n, i)[i];
                actual[i] = residuals[i * l + k];
            }
            assertClose(expected, actual, TOL);
        }
    }

    /**
     * Commons Math QR on [Xc; sqrt(lambda n) I] w = [yc; 0] over the training rows except
     * {@code leaveOut} (-1: none), the penalty lambda * n with n the full training size; returns
     * predictions ybar + (xt - mean) . w.
     */
    static double[] referencePredict(double[] x, int n, int d, double[] y, double lambda, double[] xt, int nt,
            int leaveOut) {
        int m = leaveOut < 0 ? n : n - 1;
        double[] mean = new double[d];
        double ybar = 0;
        for (int i = 0; i < n; i++) {
            if (i == leaveOut) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j] / m;
            }
            ybar += y[i] / m;
        }
        Array2DRowRealMatrix a = new Array2DRowRealMatrix(m + d, d);
        double[] rhs = new double[m + d];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (i == leaveOut) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                a.setEntry(r, j, x[i * d + j] - mean[j]);
            }
            rhs[r++] = y[i] - ybar;
        }
        double sqrtPenalty = Math.sqrt(lambda * n);
        for (int j = 0; j < d; j++) {
            a.setEntry(m + j, j, sqrtPenalty);
        }
        double[] w = new QRDecomposition(a).getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
        double[] out = new double[nt];
        for (int i = 0; i < nt; i++) {
            double v = ybar;
            for (int j = 0; j < d; j++) {
                v += (xt[i * d + j] - mean[j]) * w[j];
            }
            out[i] = v;
        }
        return out;
    }

    /** Gaussian rows; with offsets, column j is shifted by j - 2 (so centring matters). */
    static double[] data(int n, int d, long seed, boolean offsets) {
        double[] x = new double[n * d];
        Streams.normals(seed, Streams.stream("kernel-tests"), 0, n, d, x);
        if (offsets) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[i * d + j] += j - 2;
                }
            }
        }
        return x;
    }

    static double[] labels(int n, long seed) {
        double[] y = new double[n];
        Streams.normals(seed, Streams.stream("kernel-tests-y"), 0, n, 1, y);
        return y;
    }

    /** max |e - a| <= tol * max(1, max |e|). */
    static void assertClose(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        double scale = 1;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(err <= tol * scale, "max error " + err + " > " + tol + " x " + scale);
    }
}
