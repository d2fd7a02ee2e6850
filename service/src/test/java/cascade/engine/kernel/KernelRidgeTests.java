package cascade.engine.kernel;

import static cascade.engine.kernel.LinearRidgeTests.assertClose;
import static cascade.engine.kernel.LinearRidgeTests.data;
import static cascade.engine.kernel.LinearRidgeTests.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.random.Streams;
import cascade.engine.spec.RidgeChoice;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;

/**
 * Kernel ridge: exact LOO against n explicit refits (Commons Math LU on the (n-1) x (n-1) systems,
 * kernels written out here from their closed forms), the closed-form ridge limits, the cap report,
 * and a learning smoke test on a quadratic target.
 */
class KernelRidgeTests {

    @Test
    void rbfKernelMatchesClosedFormWithMedianHeuristic() {
        int n = 40;
        int d = 3;
        double[] x = data(n, d, 11, false);
        double h = medianSquaredDistance(x, n, d);
        KernelFunction k = KernelFunction.of(new KernelRidgeSpec.Kernel("rbf", 0), x, n, d);
        assertEquals(Math.sqrt(h / 2), k.bandwidth(), 1e-12 * Math.sqrt(h));
        double[] gram = k.gram(x, KernelFunction.squaredNorms(x, n, d), n);
        assertClose(explicitKernel(x, n, d, (a, b) -> Math.exp(-sqDist(a, b) / h)), gram, 1e-12);
    }

    @Test
    void polynomialQuadraticAndArccosKernelsMatchClosedForms() {
        int n = 12;
        int d = 4;
        double[] x = data(n, d, 12, true);
        double[] sq = KernelFunction.squaredNorms(x, n, d);
        assertClose(explicitKernel(x, n, d, (a, b) -> Math.pow(1 + dot(a, b) / d, 3)),
                KernelFunction.of(new KernelRidgeSpec.Kernel("polynomial", 3), x, n, d).gram(x, sq, n), 1e-12);
        assertClose(explicitKernel(x, n, d, (a, b) -> {
            double u = dot(a, b) / d;
            return u * u + u + 1;
        }), KernelFunction.of(new KernelRidgeSpec.Kernel("quadratic", 0), x, n, d).gram(x, sq, n), 1e-12);
        // Cho & Saul (2009), order 1, halved (the ReLU expectation) and with norms scaled by sqrt(d).
        assertClose(explicitKernel(x, n, d, (a, b) -> {
            double na = Math.sqrt(dot(a, a));
            double nb = Math.sqrt(dot(b, b));
            double t = Math.acos(Math.max(-1, Math.min(1, dot(a, b) / (na * nb))));
            return na * nb / d * (Math.sin(t) + (Math.PI - t) * Math.cos(t)) / (2 * Math.PI);
        }), KernelFunction.of(new KernelRidgeSpec.Kernel("arccos", 0), x, n, d).gram(x, sq, n), 1e-12);
    }

    /** LOO residuals of the one-eigendecomposition formula equal n explicit refits, for every grid value. */
    @Test
    void looResidualsEqualExplicitRefits() {
        int n = 40;
        int d = 3;
        double[] x = data(n, d, 13, false);
        double[] y = labels(n, 14);
        double h = medianSquaredDistance(x, n, d);
        double[] k = explicitKernel(x, n, d, (a, b) -> Math.exp(-sqDist(a, b) / h));
        double[] grid = RidgeChoice.looGrid();
        KernelFunction kernel = KernelFunction.of(new KernelRidgeSpec.Kernel("rbf", 0), x, n, d);
        double[] gram = kernel.gram(x, KernelFunction.squaredNorms(x, n, d), n);
        RidgeSolver.DualFit fit = RidgeSolver.looDual(gram, n, y, false, grid, true, RunControl.NONE);
        double[] res = fit.selection().residuals();
        for (int g = 0; g < grid.length; g++) {
            double[] expected = explicitLooResiduals(k, n, y, grid[g]);
            double[] actual = new double[n];
            for (int i = 0; i < n; i++) {
                actual[i] = res[i * grid.length + g];
            }
            // 1e-8 relative to max(1, max |residual|); the worst-conditioned grid value (lambda n = 4e-5
            // against kernel eigenvalues up to ~ n) bounds both computations' error near 1e-11.
            assertClose(expected, actual, 1e-8);
        }
    }

    /** The ridge KernelRidge picks with "loo" is the argmin over the grid of explicit LOO errors. */
    @Test
    void looSelectsTheArgminOfExplicitLeaveOneOutErrors() {
        int n = 40;
        int d = 3;
        double[] x = data(n, d, 15, false);
        double[] y = new double[n];
        double[] noise = labels(n, 16);
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(2 * x[i * d]) + x[i * d + 1] * x[i * d + 2] + 0.5 * noise[i];
        }
        KernelRidgeSpec spec = new KernelRidgeSpec("krr", new KernelRidgeSpec.Kernel("polynomial", 3),
                RidgeChoice.loo(), 4000);
        Estimate e = new KernelRidge(spec, 0).estimate(new Data(Inputs.of(x, n, d), y), Inputs.of(x, n, d),
                RunControl.NONE);
        double[] k = explicitKernel(x, n, d, (a, b) -> Math.pow(1 + dot(a, b) / d, 3));
        double[] grid = RidgeChoice.looGrid();
        double[] mse = new double[grid.length];
        int best = 0;
        for (int g = 0; g < grid.length; g++) {
            for (double r : explicitLooResiduals(k, n, y, grid[g])) {
                mse[g] += r * r / n;
            }
            if (mse[g] < mse[best]) {
                best = g;
            }
        }
        assertTrue(best > 0 && best < grid.length - 1, "interior optimum expected, got " + best);
        assertEquals(grid[best], (double) e.info().get("ridge"));
        assertEquals("loo", e.info().get("ridgeSelection"));
        assertEquals(mse[best], (double) e.info().get("looMse"), 1e-8 * mse[best]);
    }

    /**
     * Closed-form limits: as lambda -> infinity alpha = y/(lambda n) + O(lambda^-2), so predictions
     * vanish (the mean of standardised labels); as lambda -> 0 with K positive definite (RBF on
     * distinct points, Micchelli 1986) the fit interpolates: f(x_i) - y_i = -lambda n alpha_i.
     */
    @Test
    void ridgeLimitsPredictZeroAndInterpolate() {
        int n = 30;
        int d = 3;
        double[] x = data(n, d, 17, false);
        double[] y = labels(n, 18);
        double mean = RidgeSolver.mean(y);
        for (int i = 0; i < n; i++) {
            y[i] -= mean;
        }
        Data train = new Data(Inputs.of(x, n, d), y);
        double[] xt = data(20, d, 19, false);
        KernelRidgeSpec.Kernel rbf = new KernelRidgeSpec.Kernel("rbf", 0);
        Estimate huge = new KernelRidge(new KernelRidgeSpec("krr", rbf, RidgeChoice.of(1e8), 4000), 0)
                .estimate(train, Inputs.of(xt, 20, d), RunControl.NONE);
        // |f(x)| <= sum |alpha_i| k <= n max|y| / (lambda n) ~ 3e-8.
        assertClose(new double[20], huge.predictions(), 1e-7);
        Estimate tiny = new KernelRidge(new KernelRidgeSpec("krr", rbf, RidgeChoice.of(1e-12), 4000), 0)
                .estimate(train, Inputs.of(x, n, d), RunControl.NONE);
        // |f(x_i) - y_i| <= lambda n ||K^-1|| ||y||: well below 1e-6 for this K.
        assertClose(y, tiny.predictions(), 1e-6);
    }

    @Test
    void capOnTrainingSamplesIsReported() {
        int n = 120;
        int d = 4;
        double[] x = data(n, d, 20, false);
        double[] y = labels(n, 21);
        KernelRidgeSpec.Kernel kernel = new KernelRidgeSpec.Kernel("quadratic", 0);
        Estimate capped = new KernelRidge(new KernelRidgeSpec("krr", kernel, RidgeChoice.of(1e-3), 50), 0)
                .estimate(new Data(Inputs.of(x, n, d), y), Inputs.of(Arrays.copyOf(x, 10 * d), 10, d), RunControl.NONE);
        assertEquals(50, capped.info().get("trainUsed"));
        assertEquals(true, capped.info().get("capped"));
        // The capped fit is the fit on the first 50 samples.
        Estimate first50 = new KernelRidge(new KernelRidgeSpec("krr", kernel, RidgeChoice.of(1e-3), 4000), 0)
                .estimate(new Data(Inputs.of(Arrays.copyOf(x, 50 * d), 50, d), Arrays.copyOf(y, 50)),
                        Inputs.of(Arrays.copyOf(x, 10 * d), 10, d), RunControl.NONE);
        assertClose(first50.predictions(), capped.predictions(), 1e-12);
        Estimate full = new KernelRidge(new KernelRidgeSpec("krr", kernel, RidgeChoice.of(1e-3), 4000), 0)
                .estimate(new Data(Inputs.of(x, n, d), y), Inputs.of(Arrays.copyOf(x, 10 * d), 10, d), RunControl.NONE);
        assertEquals(n, full.info().get("trainUsed"));
        assertEquals(false, full.info().get("capped"));
    }

    /**
     * Learning smoke test, d = 10, n = 2000: y = x^T A x - tr A (standardised) lies in the span of
     * the quadratic kernel's features, so kernel ridge learns it (test NMSE < 0.1), while a linear
     * model cannot: y is even in x with mean zero, so E[y x] = 0 and the best linear predictor is
     * the constant 0, NMSE >= 1 up to O(d/n) estimation noise (threshold 0.9).
     */
    @Test
    void quadraticKernelLearnsAQuadraticTargetThatRidgeCannot() {
        int d = 10;
        int n = 2000;
        int nt = 2000;
        double[] a = symmetricUnitFrobenius(d, 22);
        double[] x = new double[n * d];
        double[] xt = new double[nt * d];
        Streams.normals(23, Streams.stream("train"), 0, n, d, x);
        Streams.normals(23, Streams.stream("test"), 0, nt, d, xt);
        double[] y = quadraticForm(a, x, n, d);
        double[] yt = quadraticForm(a, xt, nt, d);
        double mean = RidgeSolver.mean(y);
        double sd = 0;
        for (double v : y) {
            sd += (v - mean) * (v - mean) / n;
        }
        sd = Math.sqrt(sd);
        for (int i = 0; i < n; i++) {
            y[i] = (y[i] - mean) / sd;
        }
        for (int i = 0; i < nt; i++) {
            yt[i] = (yt[i] - mean) / sd;
        }
        Data train = new Data(Inputs.of(x, n, d), y);
        Estimate krr = new KernelRidge(new KernelRidgeSpec("krr", new KernelRidgeSpec.Kernel("quadratic", 0),
                RidgeChoice.of(1e-4), 4000), 0).estimate(train, Inputs.of(xt, nt, d), RunControl.NONE);
        Estimate ridge = new LinearRidge(new RidgeSpec("ridge", RidgeChoice.loo()))
                .estimate(train, Inputs.of(xt, nt, d), RunControl.NONE);
        double krrNmse = nmse(krr.predictions(), yt);
        double ridgeNmse = nmse(ridge.predictions(), yt);
        System.out.printf("quadratic target d=10 n=2000: kernel ridge NMSE %.4f, linear ridge NMSE %.4f%n", krrNmse,
                ridgeNmse);
        assertTrue(krrNmse < 0.1, "kernel ridge NMSE " + krrNmse);
        assertTrue(ridgeNmse > 0.9, "linear ridge NMSE " + ridgeNmse);
        assertFalse((boolean) krr.info().get("capped"));
    }

    @Test
    void rbfFitPredictEqualsTheEstimatorWithTheSameRidge() {
        int n = 50;
        int d = 3;
        double[] x = data(n, d, 24, false);
        double[] y = labels(n, 25);
        double[] xt = data(7, d, 26, false);
        double[] direct = KernelRidge.rbfFitPredict(x, n, d, y, xt, 7, 1e-3);
        Estimate e = new KernelRidge(new KernelRidgeSpec("krr", new KernelRidgeSpec.Kernel("rbf", 0),
                RidgeChoice.of(1e-3), 4000), 0).estimate(new Data(Inputs.of(x, n, d), y), Inputs.of(xt, 7, d),
                RunControl.NONE);
        assertClose(e.predictions(), direct, 1e-14);
    }

    // ---- independent references ----

    /** y_i - f_{-i}(x_i) with f_{-i} fitted on the other n - 1 points, penalty lambda * n (full n), LU. */
    static double[] explicitLooResiduals(double[] k, int n, double[] y, double lambda) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Array2DRowRealMatrix a = new Array2DRowRealMatrix(n - 1, n - 1);
            double[] rhs = new double[n - 1];
            int r = 0;
            for (int p = 0; p < n; p++) {
                if (p == i) {
                    continue;
                }
                int c = 0;
                for (int q = 0; q < n; q++) {
                    if (q == i) {
                        continue;
                    }
                    a.setEntry(r, c++, k[p * n + q] + (p == q ? lambda * n : 0));
                }
                rhs[r++] = y[p];
            }
            double[] alpha = new LUDecomposition(a).getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
            double pred = 0;
            int c = 0;
            for (int q = 0; q < n; q++) {
                if (q != i) {
                    pred += k[i * n + q] * alpha[c++];
                }
            }
            out[i] = y[i] - pred;
        }
        return out;
    }

    static double[] explicitKernel(double[] x, int n, int d, BiFunction<double[], double[], Double> f) {
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i * n + j] = f.apply(Arrays.copyOfRange(x, i * d, i * d + d), Arrays.copyOfRange(x, j * d, j * d + d));
            }
        }
        return k;
    }

    /** Median over pairs i < j of ||x_i - x_j||^2 (n < 1000, so all rows), by explicit differences. */
    static double medianSquaredDistance(double[] x, int n, int d) {
        double[] v = new double[n * (n - 1) / 2];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                v[c++] = sqDist(Arrays.copyOfRange(x, i * d, i * d + d), Arrays.copyOfRange(x, j * d, j * d + d));
            }
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double sqDist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] symmetricUnitFrobenius(int d, long seed) {
        double[] g = new double[d * d];
        Streams.normals(seed, Streams.stream("A"), 0, d, d, g);
        double[] a = new double[d * d];
        double f = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = (g[i * d + j] + g[j * d + i]) / 2;
                f += a[i * d + j] * a[i * d + j];
            }
        }
        f = Math.sqrt(f);
        for (int i = 0; i < d * d; i++) {
            a[i] /= f;
        }
        return a;
    }

    static double[] quadraticForm(double[] a, double[] x, int n, int d) {
        double tr = 0;
        for (int i = 0; i < d; i++) {
            tr += a[i * d + i];
        }
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            double v = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    v += x[r * d + i] * a[i * d + j] * x[r * d + j];
                }
            }
            y[r] = v - tr;
        }
        return y;
    }

    static double nmse(double[] pred, double[] y) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            num += (pred[i] - y[i]) * (pred[i] - y[i]);
            den += y[i] * y[i];
        }
        return num / den;
    }
}
