package cascade.engine.lofi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.kernel.ActivationFunction;
import cascade.engine.kernel.RidgeReadout;
import cascade.engine.random.Streams;
import cascade.engine.spec.RidgeChoice;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

/**
 * Neural LoFi and deep NNGP against values from outside the code: the closed-form arc-cosine
 * kernel (Cho and Saul 2009), explicit leave-one-out refits (Commons Math Cholesky), the
 * feature-space eigenproblem (Commons Math EigenDecomposition), and the finite model's approach
 * to its kernel limit.
 */
class NeuralLofiTests {

    static double[] gaussian(long seed, String purpose, int n) {
        return Streams.normals(Streams.provider(seed, purpose), n);
    }

    /** Cho and Saul (2009), order 1, written out independently: (|x||x'|/(2 pi)) (sin t + (pi - t) cos t) / c^2. */
    static double choSaul(double[] x, int i, double[] xp, int j, int d, double c) {
        double a = 0;
        double b = 0;
        double s = 0;
        for (int k = 0; k < d; k++) {
            a += x[i * d + k] * x[i * d + k];
            b += xp[j * d + k] * xp[j * d + k];
            s += x[i * d + k] * xp[j * d + k];
        }
        double t = Math.acos(Math.max(-1, Math.min(1, s / Math.sqrt(a * b))));
        return Math.sqrt(a * b) / (2 * Math.PI) * (Math.sin(t) + (Math.PI - t) * Math.cos(t)) / (c * c);
    }

    /**
     * (1/P) sum_p relu(w_p.x/c) relu(w_p.x'/c) against the closed form. Each entry averages P
     * independent terms whose standard deviation is at most sqrt(E[relu(u)^2 relu(u')^2]) <=
     * sqrt(3/2) |x||x'|/c^2 (Cauchy-Schwarz, E[relu(g)^4] = 3/2 s^4), so the error is O(1/sqrt(P)).
     * Tolerances: every entry within 6 of those standard deviations at every width; the RMS error over
     * entries falls by at least 4x from P = 2^10 to P = 2^16 (1/sqrt(P) predicts 8x).
     */
    @Test
    void finiteWidthFeaturesApproachTheArcCosineKernel() {
        int n = 7;
        int d = 6;
        double[] x = gaussian(1, "x", n * d);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] *= 0.4 + 0.25 * i;
            }
        }
        double c = RandomExpansion.rmsRowNorm(Inputs.of(x, n, d));
        int[] widths = {1 << 10, 1 << 13, 1 << 16};
        double[] rms = new double[widths.length];
        for (int wi = 0; wi < widths.length; wi++) {
            int p = widths[wi];
            RandomExpansion e = new RandomExpansion(d, p, ActivationFunction.of("relu"), c, 11, 1);
            double[] z = e.map(Inputs.of(x, n, d)).all();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double g = 0;
                    for (int k = 0; k < p; k++) {
                        g += z[i * p + k] * z[j * p + k];
                    }
                    double expected = choSaul(x, i, x, j, d, c);
                    double norms = Math.sqrt(sq(x, i, d) * sq(x, j, d)) / (c * c);
                    double sd = Math.sqrt(1.5) * norms / Math.sqrt(p);
                    assertTrue(Math.abs(g - expected) <= 6 * sd, "P=" + p + " (" + i + "," + j + ") " + g + " vs " + expected);
                    sum += (g - expected) * (g - expected);
                    // the sample-space kernel used by the kernel limit is the same closed form
                    assertEquals(expected, ArcCosine.value(dot(x, i, x, j, d), sq(x, i, d), sq(x, j, d), 1 / (c * c)), 1e-12);
                }
            }
            rms[wi] = Math.sqrt(sum / (n * n));
        }
        assertThat(rms[2]).isLessThan(rms[0] / 4);
    }

    /**
     * Exact leave-one-out of both readouts against explicit refits: for every grid ridge and every
     * sample i, ridge with an unpenalised intercept is refitted on the other n - 1 rows with penalty
     * lambda n (n the full size, as RidgeSolver documents) by Commons Math's Cholesky, and the residual
     * on row i is compared. The kernel readout sees only G = F F^T, so its refit is the same
     * feature-space problem. Tolerance 1e-7 relative (both are direct solves of well-conditioned systems).
     */
    @Test
    void leaveOneOutMatchesExplicitRefits() {
        int n = 30;
        int p = 5;
        double[] f = gaussian(2, "f", n * p);
        double[] y = gaussian(2, "y", n);
        for (int i = 0; i < n; i++) {
            y[i] += 2 * f[i * p] - f[i * p + 1] + 0.3;
        }
        double[] grid = RidgeChoice.looGrid();
        double[] residuals = RidgeReadout.primalLooResiduals(Inputs.of(f, n, p), y, grid);
        double[] curve = new double[grid.length];
        for (int k = 0; k < grid.length; k++) {
            for (int i = 0; i < n; i++) {
                double expected = refitResidual(f, y, n, p, i, grid[k] * n);
                assertEquals(expected, residuals[i * grid.length + k], 1e-7 * (1 + Math.abs(expected)), "grid " + k + " row " + i);
                curve[k] += expected * expected / n;
            }
        }
        int best = 0;
        for (int k = 1; k < grid.length; k++) {
            if (curve[k] < curve[best]) {
                best = k;
            }
        }
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i * n + j] = dot(f, i, f, j, p);
            }
        }
        RidgeReadout.Kernel kernel = RidgeReadout.kernel(g, n, y, RidgeChoice.loo(), RunControl.NONE);
        Map<String, Object> info = new LinkedHashMap<>();
        kernel.record(info);
        assertEquals(grid[best], (double) info.get("ridge"), 0.0);
        assertEquals(curve[best], (double) info.get("looMse"), 1e-7 * curve[best]);
        RidgeReadout.Linear linear = RidgeReadout.features(Inputs.of(f, n, p), y, RidgeChoice.loo(), RunControl.NONE);
        assertEquals(grid[best], linear.ridge(), 0.0);
        // both readouts predict the same function of the features
        double[] ft = gaussian(3, "ft", 4 * p);
        double[] kt = new double[4 * n];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < n; j++) {
                kt[i * n + j] = dot(ft, i, f, j, p);
            }
        }
        double[] a = linear.predict(Inputs.of(ft, 4, p), RunControl.NONE);
        double[] b = kernel.predict(kt, 4, n);
        for (int i = 0; i < 4; i++) {
            assertEquals(a[i], b[i], 1e-8 * (1 + Math.abs(a[i])));
        }
    }

    /** Residual y_i - f_{-i}(x_i) of ridge with intercept refitted without row i, penalty shift on w only. */
    static double refitResidual(double[] f, double[] y, int n, int p, int out, double shift) {
        int m = n - 1;
        double[] mean = new double[p];
        double ybar = 0;
        for (int i = 0; i < n; i++) {
            if (i == out) {
                continue;
            }
            for (int j = 0; j < p; j++) {
                mean[j] += f[i * p + j] / m;
            }
            ybar += y[i] / m;
        }
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int i = 0; i < n; i++) {
            if (i == out) {
                continue;
            }
            for (int j = 0; j < p; j++) {
                double fj = f[i * p + j] - mean[j];
                b[j] += fj * (y[i] - ybar);
                for (int k = 0; k < p; k++) {
                    a[j][k] += fj * (f[i * p + k] - mean[k]);
                }
            }
        }
        for (int j = 0; j < p; j++) {
            a[j][j] += shift;
        }
        double[] w = new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver()
                .solve(new ArrayRealVector(b)).toArray();
        double pred = ybar;
        for (int j = 0; j < p; j++) {
            pred += w[j] * (f[out * p + j] - mean[j]);
        }
        return y[out] - pred;
    }

    /**
     * The sample-space eigenproblem G^1/2 diag(y) G^1/2 (G = Z Z^T) against the feature-space one
     * C = (1/n) Z^T diag(y) Z solved by Commons Math: the kept eigenvalues divided by n are C's
     * top eigenvalues by |lambda|, the projected features G^1/2 a are Z v (up to the sign of each
     * eigenvector), and test rows k^T G^+1/2 a are z_t v. Both centred (Z - 1 m^T, y - ybar) and
     * uncentred, with P < n and P > n. Tolerance 1e-8 (direct eigensolvers, well-separated top values).
     */
    @Test
    void sampleSpaceEigenproblemMatchesFeatureSpace() {
        for (boolean centered : new boolean[] {false, true}) {
            for (int p : new int[] {12, 60}) {
                int n = 40;
                int nt = 5;
                int k = 3;
                double[] z = gaussian(4 + p, "z", n * p);
                double[] zt = gaussian(4 + p, "zt", nt * p);
                double[] y = gaussian(4 + p, "y", n);
                for (int i = 0; i < n; i++) {
                    y[i] += 3 * z[i * p] * z[i * p + 1] + 1.5 * z[i * p + 2] * z[i * p + 2] + 0.2;
                }
                double[] zc = z.clone();
                double[] ztc = zt.clone();
                double[] w = y.clone();
                if (centered) {
                    centreColumns(zc, n, p, zc, n);
                    centreColumns(z, n, p, ztc, nt);
                    double ybar = Arrays.stream(y).average().orElseThrow();
                    for (int i = 0; i < n; i++) {
                        w[i] -= ybar;
                    }
                }
                double[][] c = new double[p][p];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < p; a++) {
                        for (int b = 0; b < p; b++) {
                            c[a][b] += w[i] * zc[i * p + a] * zc[i * p + b] / n;
                        }
                    }
                }
                EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(c));
                double[] values = eig.getRealEigenvalues();
                Integer[] order = new Integer[p];
                for (int j = 0; j < p; j++) {
                    order[j] = j;
                }
                Arrays.sort(order, (i1, i2) -> Double.compare(Math.abs(values[i2]), Math.abs(values[i1])));
                KernelLofi.Reduced r = KernelLofi.reduce(KernelState.linear(z, n, zt, nt, p), y, k, centered,
                        RunControl.NONE);
                for (int j = 0; j < k; j++) {
                    assertEquals(values[order[j]], r.kept()[j], 1e-8, "eigenvalue " + j + " centered " + centered + " P " + p);
                    double[] v = eig.getEigenvector(order[j]).toArray();
                    double[] proj = times(zc, n, p, v);
                    double[] projT = times(ztc, nt, p, v);
                    double sign = Math.signum(dotColumn(proj, r.h(), j, k, n));
                    for (int i = 0; i < n; i++) {
                        assertEquals(sign * proj[i], r.h()[i * k + j], 1e-8, "train row " + i);
                    }
                    for (int i = 0; i < nt; i++) {
                        assertEquals(sign * projT[i], r.ht()[i * k + j], 1e-8, "test row " + i);
                    }
                }
            }
        }
    }

    /**
     * The finite model's first-layer spectrum approaches the kernel limit's as P grows: the top
     * eigenvalues of C = (1/n) Z^T diag(y) Z with ReLU features of width P against those of
     * G^1/2 diag(y) G^1/2 / n with the arc-cosine G (same c). The entries of Z Z^T - G are
     * O(1/sqrt(P)) (previous test), so eigenvalue errors shrink like 1/sqrt(P). Tolerances: the
     * largest error over the top 4, averaged over 4 draws of W, falls at least 3x from P = 64 to
     * P = 1024 (1/sqrt(P) predicts 4x) and is below 8% of the top |lambda| at P = 1024 (2.5/sqrt(P):
     * an O(1) constant times 1/sqrt(P); 4.4% measured).
     */
    @Test
    void finiteSpectrumApproachesTheKernelLimit() {
        int n = 120;
        int d = 8;
        int k = 4;
        double[] x = gaussian(5, "x", n * d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i * d] * x[i * d + 1] + 0.5 * (x[i * d + 2] * x[i * d + 2] - 1);
        }
        Inputs h = Inputs.of(x, n, d);
        double c = RandomExpansion.rmsRowNorm(h);
        double[] limit = KernelLofi.reduce(KernelState.linear(x, n, new double[d], 1, d).relu(1 / (c * c)), y, k, true,
                RunControl.NONE).kept();
        int[] widths = {64, 1024};
        int draws = 4;
        double[] err = new double[widths.length];
        for (int wi = 0; wi < widths.length; wi++) {
            for (long draw = 0; draw < draws; draw++) {
                RandomExpansion e = new RandomExpansion(d, widths[wi], ActivationFunction.of("relu"), c, 21 + draw, 1);
                double[] finite = FiniteLofi.reduce(e, h, y, k, true, RunControl.NONE).kept();
                double worst = 0;
                for (int j = 0; j < k; j++) {
                    worst = Math.max(worst, Math.abs(finite[j] - limit[j]));
                }
                err[wi] += worst / draws;
            }
        }
        assertThat(err[1]).isLessThan(err[0] / 3);
        assertThat(err[1]).isLessThan(0.08 * Math.abs(limit[0]));
    }

    /** The estimators end to end: deterministic, finite, and the info a researcher reads. */
    @Test
    void estimatorsRecordSpectraRidgeAndCaps() {
        int n = 300;
        int d = 6;
        double[] x = gaussian(6, "x", n * d);
        double[] xt = gaussian(6, "xt", 50 * d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.tanh(x[i * d] * x[i * d + 1]);
        }
        Data train = new Data(Inputs.of(x, n, d), y);
        Inputs test = Inputs.of(xt, 50, d);
        List<NeuralLofiSpec.Layer> layers = List.of(new NeuralLofiSpec.Layer(128, 4, "relu"),
                new NeuralLofiSpec.Layer(64, null, "relu"));
        NeuralLofiSpec finite = new NeuralLofiSpec("lofi", layers, true, "finite", RidgeChoice.loo(), 4000, 8, false);
        Estimate a = new FiniteLofi(finite, 3).estimate(train, test, RunControl.NONE);
        Estimate b = new FiniteLofi(finite, 3).estimate(train, test, RunControl.NONE);
        assertThat(a.predictions()).isEqualTo(b.predictions());
        assertThat(a.spectrum()).hasSize(LayerSpectrum.TOP);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> li = (List<Map<String, Object>>) a.info().get("layers");
        assertThat(li).hasSize(2);
        assertThat((double[]) li.get(0).get("kept")).hasSize(4);
        assertThat(li.get(0)).containsKeys("top", "histogram", "c");
        assertThat(a.info()).containsKeys("ridge", "ridgeSelection", "looMse", "centered");
        NeuralLofiSpec kernel = new NeuralLofiSpec("k", layers, false, "kernel", RidgeChoice.of(1e-3), 200, 8, false);
        Estimate k = new KernelLofi(kernel).estimate(train, test, RunControl.NONE);
        assertThat(k.info()).containsEntry("trainUsed", 200).containsEntry("capped", true)
                .containsEntry("capReason", "maxTrain");
        assertThat(Arrays.stream(k.predictions()).allMatch(Double::isFinite)).isTrue();
        Estimate g = new DeepNngp(new DeepNngpSpec("g", 3, RidgeChoice.loo(), 4000)).estimate(train, test,
                RunControl.NONE);
        assertThat(g.info()).containsEntry("capped", false);
        assertThat(Arrays.stream(g.predictions()).allMatch(Double::isFinite)).isTrue();
    }

    /**
     * With split, the first layer is fitted on the first half of the rows only: its kept eigenvalues
     * are those of C formed directly from rows [0, n/2) (c from those rows too), and the readout
     * reports the rest. Exact equality (the same arithmetic).
     */
    @Test
    void splitFitsTheLayersOnTheFirstHalf() {
        int n = 200;
        int d = 5;
        double[] x = gaussian(10, "x", n * d);
        double[] xt = gaussian(10, "xt", 20 * d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i * d] * x[i * d + 1] + 0.1 * x[i * d + 2];
        }
        List<NeuralLofiSpec.Layer> layers = List.of(new NeuralLofiSpec.Layer(32, 3, "relu"),
                new NeuralLofiSpec.Layer(16, null, "relu"));
        NeuralLofiSpec spec = new NeuralLofiSpec("s", layers, true, "finite", RidgeChoice.loo(), 4000, 0, true);
        Inputs test = Inputs.of(xt, 20, d);
        Estimate e = new FiniteLofi(spec, 4).estimate(new Data(Inputs.of(x, n, d), y), test, RunControl.NONE);
        assertThat(e.info()).containsEntry("split", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> li = (List<Map<String, Object>>) e.info().get("layers");
        Standardized s = Standardized.of(Inputs.of(x, n, d), n, test);
        Inputs first = Rows.range(Inputs.of(s.train(), n, d), 0, n / 2);
        RandomExpansion expansion = new RandomExpansion(d, 32, ActivationFunction.of("relu"),
                RandomExpansion.rmsRowNorm(first), 4, 1);
        double[] kept = FiniteLofi.reduce(expansion, first, Arrays.copyOf(y, n / 2), 3, true, RunControl.NONE).kept();
        assertThat((double[]) li.get(0).get("kept")).containsExactly(kept);
    }

    /**
     * Deep NNGP is the infinite-width limit of random features of the same depth: composing the
     * closed form twice (Cho and Saul's recursion with the unit-variance scaling, Sigma_2 = 2 K_1)
     * by hand gives the kernel the estimator builds. Tolerance 1e-12.
     */
    @Test
    void deepKernelComposesTheClosedForm() {
        int n = 5;
        int d = 4;
        double[] x = gaussian(7, "x", n * d);
        KernelState s = KernelState.linear(x, n, x, n, d).relu(1.0 / d).relu(2.0);
        double[][] k1 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k1[i][j] = choSaul(x, i, x, j, d, Math.sqrt(d));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = 2 * k1[i][i];
                double b = 2 * k1[j][j];
                double cos = Math.max(-1, Math.min(1, 2 * k1[i][j] / Math.sqrt(a * b)));
                double t = Math.acos(cos);
                double expected = Math.sqrt(a * b) / (2 * Math.PI) * (Math.sin(t) + (Math.PI - t) * cos);
                assertEquals(expected, s.g[i * n + j], 1e-12);
                assertEquals(expected, s.kt[i * n + j], 1e-12);
            }
            assertEquals(s.g[i * n + i], s.dt[i], 1e-12);
        }
    }

    /**
     * The Gaussian-integration coefficients of {@link FirstLayerDirections} against ReLU's closed
     * forms: for g ~ N(b, s^2), E[relu'(g)] = Phi(b/s) and E[relu''(g)] = phi(b/s)/s (the density of
     * g at 0). Tolerance 1e-5: Simpson's rule is only O(h^2) across ReLU's kink (step h = 0.005,
     * error about 2e-6 measured), against O(h^4) for smooth activations.
     */
    @Test
    void directionCoefficientsMatchReluClosedForms() {
        ActivationFunction relu = ActivationFunction.of("relu");
        org.apache.commons.math3.distribution.NormalDistribution normal = new org.apache.commons.math3.distribution.NormalDistribution();
        for (double[] bs : new double[][] {{0, 1}, {0.3, 0.8}, {-0.5, 1.3}}) {
            double b = bs[0];
            double s = bs[1];
            assertEquals(normal.cumulativeProbability(b / s), FirstLayerDirections.coefficient(relu, b, s, 1), 1e-5);
            assertEquals(normal.density(b / s) / s, FirstLayerDirections.coefficient(relu, b, s, 2), 1e-5);
        }
    }

    /**
     * The first-layer directions on a planted teacher: with a label y = z . a* (gaussian-equivalent
     * inputs, the features are the inputs) the linear part of the kept subspace must contain a*
     * once n is large, i.e. the squared norm of the projection of a* onto the K orthonormal rows is
     * near 1. Tolerance: above 0.9 at n = 4000, D = 10 (the spike (1/n) Z^T diag(y) Z has signal O(1)
     * against noise O(sqrt(D/n)) = 0.05).
     */
    @Test
    void firstLayerDirectionsContainThePlantedLinearDirection() {
        int n = 4000;
        int d = 10;
        double[] x = gaussian(8, "x", n * d);
        double[] star = new double[d];
        star[0] = 0.6;
        star[3] = 0.8;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 0;
            for (int j = 0; j < d; j++) {
                u += x[i * d + j] * star[j];
            }
            y[i] = u * u - 1;                                       // even label: the linear spike sits in C
        }
        Standardized s = Standardized.of(Inputs.of(x, n, d), n, Inputs.of(Arrays.copyOf(x, d), 1, d));
        Inputs h = Inputs.of(s.train(), n, d);
        RandomExpansion e = new RandomExpansion(d, 256, ActivationFunction.of("relu"), RandomExpansion.rmsRowNorm(h), 9, 1);
        int k = 3;
        FiniteLofi.Reduction r = FiniteLofi.reduce(e, h, y, k, true, RunControl.NONE);
        double[] dirs = FirstLayerDirections.of(cascade.engine.features.FeatureMap.identity(d), s, e,
                ActivationFunction.of("relu"), r.v(), k);
        double captured = 0;
        for (int row = 0; row < k; row++) {
            double c = 0;
            for (int j = 0; j < d; j++) {
                c += dirs[row * d + j] * star[j];
            }
            captured += c * c;
        }
        assertThat(captured).isGreaterThan(0.9);
        assertThat(FirstLayerDirections.of(cascade.engine.features.FeatureMap.hermite(d, 3), s, e,
                ActivationFunction.of("relu"), r.v(), k)).isNull();
    }

    private static void centreColumns(double[] from, int n, int p, double[] target, int rows) {
        double[] m = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                m[j] += from[i * p + j] / n;
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < p; j++) {
                target[i * p + j] -= m[j];
            }
        }
    }

    private static double[] times(double[] a, int rows, int p, double[] v) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < p; j++) {
                out[i] += a[i * p + j] * v[j];
            }
        }
        return out;
    }

    private static double dotColumn(double[] u, double[] h, int col, int k, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += u[i] * h[i * k + col];
        }
        return s;
    }

    static double sq(double[] x, int i, int d) {
        return dot(x, i, x, i, d);
    }

    static double dot(double[] x, int i, double[] y, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += x[i * d + k] * y[j * d + k];
        }
        return s;
    }
}
