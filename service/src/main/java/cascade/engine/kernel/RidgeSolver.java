package cascade.engine.kernel;

import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.linalg.Blas;
import cascade.engine.linalg.GramAccumulator;
import cascade.engine.linalg.KernelBlas;
import cascade.engine.linalg.SymmetricEigen;
import cascade.engine.spec.RidgeChoice;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Ridge regression shared by the baselines of SCIENCE.md 4 (kernel ridge, random features, ridge
 * on raw inputs). The penalty is always lambda * n, n the number of training samples used:
 * minimise ||y - f||^2 + lambda n ||w||^2.
 *
 * Two forms:
 * - dual (kernel): alpha = (G + lambda n I)^{-1} y, G (n x n); with {@code intercept} G and y are
 *   centred, the intercept unpenalised.
 * - primal (features, p <= n): streamed row blocks of F (n x p) are centred with the training
 *   column means (intercept by centring, unpenalised) and w = (Fc^T Fc + lambda n I)^{-1} Fc^T yc.
 *
 * Fixed ridge: one Cholesky solve (SPD), falling back to an eigendecomposition pseudo-inverse when
 * the matrix is not numerically positive definite (ridge 0 on a singular Gram).
 *
 * Leave-one-out ("loo"): exact LOO over a grid from ONE eigendecomposition. The LOO residual of a
 * linear smoother y^ = H y fitted by penalised least squares is (y_i - y^_i)/(1 - H_ii), exact for
 * refits on n - 1 points with the same penalty matrix (lambda n, n the full size). Dual form:
 * G = U diag(s) U^T, alpha(lambda) = U diag(1/(s + lambda n)) U^T y, and
 * [(G + lambda n I)^{-1}]_ii = sum_j U_ij^2/(s_j + lambda n) =: d_i; without intercept the residual
 * is alpha_i / d_i; with intercept H = 11^T/n + Gc (Gc + lambda n I)^{-1}, so the residual is
 * lambda n alpha_i / (lambda n d_i - 1/n). Primal form: Fc^T Fc = V diag(s) V^T, B = Fc V, hat
 * diagonal H_ii = 1/n + sum_j B_ij^2/(s_j + lambda n). The ridge minimising the mean squared LOO
 * residual is kept (the smallest on ties). Eigenvalues are clamped at 0 (the matrices are PSD in
 * exact arithmetic).
 */
final class RidgeSolver {

    /** Rows per streamed block: about 2M doubles (16 MB) per block buffer. */
    static final int BLOCK_ELEMENTS = 1 << 21;

    private RidgeSolver() {
    }

    /**
     * How the ridge was chosen.
     *
     * @param grid      the LOO grid (null for a fixed ridge)
     * @param looCurve  mean squared LOO residual per grid value (null for a fixed ridge)
     * @param residuals LOO residuals, n x grid.length row-major, when asked for (tests), else null
     * @param solver    "cholesky", "eigen" or "eigen-pinv"
     */
    record Selection(double ridge, boolean loo, double looMse, double @Nullable [] grid, double @Nullable [] looCurve,
            double @Nullable [] residuals, String solver) {

        static Selection fixed(double ridge, String solver) {
            return new Selection(ridge, false, Double.NaN, null, null, null, solver);
        }

        void record(Map<String, Object> info) {
            info.put("ridge", ridge);
            info.put("ridgeSelection", loo ? "loo" : "fixed");
            if (loo) {
                info.put("looMse", looMse);
            }
            info.put("solver", solver);
        }
    }

    /** Dual coefficients alpha (length n). */
    record DualFit(double[] alpha, Selection selection) {
    }

    /** f(x) = phi(x) . weights + intercept. */
    record LinearFit(double[] weights, double intercept, Selection selection) {

        /** Predictions for every row of {@code features}, streamed in blocks. */
        double[] predict(Inputs features, RunControl control) {
            int n = features.n();
            int p = features.dim();
            int rows = blockRows(n, p);
            double[] buf = new double[rows * p];
            double[] tmp = new double[rows];
            double[] out = new double[n];
            for (int from = 0; from < n; from += rows) {
                int count = Math.min(rows, n - from);
                features.rows(from, count, buf);
                Blas.gemv(count, p, 1.0, buf, weights, 0.0, tmp);
                for (int i = 0; i < count; i++) {
                    out[from + i] = tmp[i] + intercept;
                }
                control.checkpoint();
            }
            return out;
        }
    }

    static int blockRows(int n, int p) {
        return Math.max(1, Math.min(Math.max(n, 1), BLOCK_ELEMENTS / Math.max(p, 1)));
    }

    // ----------------------------------------------------------------------------------------
    // Dual form

    /**
     * Dual ridge on a Gram matrix. {@code gram} supplies a fresh n x n symmetric matrix (upper
     * triangle at least) that the solver may overwrite; it is called once, twice on the pinv fallback.
     */
    static DualFit dual(Supplier<double[]> gram, int n, double[] y, boolean intercept, RidgeChoice choice,
            RunControl control) {
        if (choice.isLeaveOneOut()) {
            return looDual(gram.get(), n, y, intercept, RidgeChoice.looGrid(), false, control);
        }
        return fixedDual(gram, n, y, choice.fixed(), control);
    }

    static DualFit fixedDual(Supplier<double[]> gram, int n, double[] y, double ridge, RunControl control) {
        double shift = ridge * n;
        double[] g = gram.get();
        for (int i = 0; i < n; i++) {
            g[i * n + i] += shift;
        }
        double[] alpha = y.clone();
        if (Blas.solveSpd(g, n, alpha, 1)) {
            return new DualFit(alpha, Selection.fixed(ridge, "cholesky"));
        }
        g = null;
        control.checkpoint();
        SymmetricEigen eig = Blas.eigh(gram.get(), n);
        return new DualFit(pseudoSolve(eig, shift, y), Selection.fixed(ridge, "eigen-pinv"));
    }

    /**
     * Exact LOO over {@code grid} from one eigendecomposition of g (n x n, consumed). With
     * {@code keepResiduals} the n x grid residuals are returned in the selection.
     */
    static DualFit looDual(double[] g, int n, double[] y, boolean intercept, double[] grid, boolean keepResiduals,
            RunControl control) {
        int l = grid.length;
        SymmetricEigen eig = Blas.eigh(g, n);
        control.checkpoint();
        double[] s = clampedValues(eig);
        double[] u = eig.vectors();                                   // n x n, eigenvector j in column j
        double[] c = new double[n];
        Blas.gemm(true, false, n, 1, n, 1.0, u, y, 0.0, c);           // c = U^T y
        double[] r = new double[n * l];                               // r_jk = 1/(s_j + lambda_k n)
        double[] cr = new double[n * l];                              // c_j r_jk
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < l; k++) {
                r[j * l + k] = 1 / (s[j] + grid[k] * n);
                cr[j * l + k] = c[j] * r[j * l + k];
            }
        }
        double[] alphas = new double[n * l];                          // alpha(lambda_k) in column k
        Blas.gemm(false, false, n, l, n, 1.0, u, cr, 0.0, alphas);
        for (int i = 0; i < u.length; i++) {
            u[i] *= u[i];
        }
        double[] diag = new double[n * l];                            // d_ik = [(G + lambda_k n)^{-1}]_ii
        Blas.gemm(false, false, n, l, n, 1.0, u, r, 0.0, diag);
        control.checkpoint();
        double offset = intercept ? 1.0 / n : 0.0;
        double[] sse = new double[l];
        double[] residuals = keepResiduals ? new double[n * l] : null;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < l; k++) {
                double lam = grid[k] * n;
                double res = lam * alphas[i * l + k] / (lam * diag[i * l + k] - offset);
                sse[k] += res * res;
                if (residuals != null) {
                    residuals[i * l + k] = res;
                }
            }
        }
        int best = argmin(sse);
        double[] alpha = new double[n];
        for (int i = 0; i < n; i++) {
            alpha[i] = alphas[i * l + best];
        }
        double[] curve = divide(sse, n);
        return new DualFit(alpha, new Selection(grid[best], true, curve[best], grid.clone(), curve, residuals, "eigen"));
    }

    /**
     * Ridge with intercept on features held in memory when p > n (the n x n dual is the smaller
     * system). {@code phi} (n x p, row-major) is centred in place.
     */
    static LinearFit dualFeatures(double[] phi, int n, int p, double[] y, RidgeChoice choice, RunControl control) {
        double[] mean = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += phi[i * p + j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                phi[i * p + j] -= mean[j];
            }
        }
        double ybar = mean(y);
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - ybar;
        }
        control.checkpoint();
        Supplier<double[]> gram = () -> {
            double[] g = new double[n * n];
            KernelBlas.syrkRowsUpper(n, p, 1.0, phi, 0.0, g);         // Fc Fc^T
            KernelBlas.mirrorUpper(g, n);
            return g;
        };
        DualFit fit = dual(gram, n, yc, true, choice, control);
        double[] w = new double[p];
        Blas.gemm(true, false, p, 1, n, 1.0, phi, fit.alpha(), 0.0, w);   // w = Fc^T alpha
        return new LinearFit(w, ybar - dot(mean, w), fit.selection());
    }

    // ----------------------------------------------------------------------------------------
    // Primal form

    static LinearFit primal(Inputs f, double[] y, RidgeChoice choice, RunControl control) {
        return choice.isLeaveOneOut() ? primal(f, y, Double.NaN, RidgeChoice.looGrid(), false, control)
                : primal(f, y, choice.fixed(), null, false, control);
    }

    /**
     * Primal ridge with intercept, F streamed in row blocks (one pass for a fixed ridge, two for LOO).
     * {@code fixed} is used when {@code grid} is null.
     */
    static LinearFit primal(Inputs f, double[] y, double fixed, double @Nullable [] grid, boolean keepResiduals,
            RunControl control) {
        int n = f.n();
        int p = f.dim();
        int rows = blockRows(n, p);
        double[] buf = new double[rows * p];
        double[] yb = new double[rows];
        // Pass 1: sums around a shift (the first block's column means) so the centred Gram
        // S - t t^T / n does not cancel catastrophically when the column means are large.
        double[] shift = null;
        double[] t = new double[p];                                   // sum (f - shift)
        double[] u = new double[p];                                   // sum (f - shift) y
        double sy = 0;
        double[] s;
        try (GramAccumulator acc = new GramAccumulator(p)) {
            for (int from = 0; from < n; from += rows) {
                int count = Math.min(rows, n - from);
                f.rows(from, count, buf);
                if (shift == null) {
                    shift = columnMeans(buf, count, p);
                }
                subtractRow(buf, count, p, shift);
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < p; j++) {
                        t[j] += buf[i * p + j];
                    }
                }
                System.arraycopy(y, from, yb, 0, count);
                Blas.gemm(true, false, p, 1, count, 1.0, buf, yb, 1.0, u);
                for (int i = 0; i < count; i++) {
                    sy += yb[i];
                }
                acc.add(buf, count);
                control.checkpoint();
            }
            s = acc.toArray();
        }
        double ybar = sy / n;
        double[] mean = new double[p];
        double[] b = new double[p];                                   // Fc^T yc
        for (int j = 0; j < p; j++) {
            mean[j] = (shift == null ? 0 : shift[j]) + t[j] / n;
            b[j] = u[j] - ybar * t[j];
        }
        for (int i = 0; i < p; i++) {                                 // Fc^T Fc = S - t t^T / n
            for (int j = 0; j < p; j++) {
                s[i * p + j] -= t[i] * t[j] / n;
            }
        }
        if (grid == null) {
            double shiftDiag = fixed * n;
            double[] a = s.clone();
            for (int i = 0; i < p; i++) {
                a[i * p + i] += shiftDiag;
            }
            double[] w = b.clone();
            Selection sel = Selection.fixed(fixed, "cholesky");
            if (!Blas.solveSpd(a, p, w, 1)) {
                w = pseudoSolve(Blas.eigh(s, p), shiftDiag, b);
                sel = Selection.fixed(fixed, "eigen-pinv");
            }
            return new LinearFit(w, ybar - dot(mean, w), sel);
        }

        // LOO: one eigendecomposition of Fc^T Fc, then a second pass for the hat diagonal.
        int l = grid.length;
        SymmetricEigen eig = Blas.eigh(s, p);
        control.checkpoint();
        double[] sv = clampedValues(eig);
        double[] v = eig.vectors();                                   // p x p, eigenvector j in column j
        double[] c = new double[p];
        Blas.gemm(true, false, p, 1, p, 1.0, v, b, 0.0, c);           // c = V^T Fc^T yc
        double[] r = new double[p * l];
        double[] cr = new double[p * l];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < l; k++) {
                r[j * l + k] = 1 / (sv[j] + grid[k] * n);
                cr[j * l + k] = c[j] * r[j * l + k];
            }
        }
        double[] proj = new double[rows * p];
        double[] fit = new double[rows * l];
        double[] hat = new double[rows * l];
        double[] sse = new double[l];
        double[] residuals = keepResiduals ? new double[n * l] : null;
        double keep = 1 - 1.0 / n;
        for (int from = 0; from < n; from += rows) {
            int count = Math.min(rows, n - from);
            f.rows(from, count, buf);
            subtractRow(buf, count, p, mean);
            Blas.gemm(false, false, count, p, p, 1.0, buf, v, 0.0, proj);        // B = Fc V
            Blas.gemm(false, false, count, l, p, 1.0, proj, cr, 0.0, fit);       // fitted (centred)
            int len = count * p;
            for (int i = 0; i < len; i++) {
                proj[i] *= proj[i];
            }
            Blas.gemm(false, false, count, l, p, 1.0, proj, r, 0.0, hat);        // H_ii - 1/n
            for (int i = 0; i < count; i++) {
                double yc = y[from + i] - ybar;
                for (int k = 0; k < l; k++) {
                    double res = (yc - fit[i * l + k]) / (keep - hat[i * l + k]);
                    sse[k] += res * res;
                    if (residuals != null) {
                        residuals[(from + i) * l + k] = res;
                    }
                }
            }
            control.checkpoint();
        }
        int best = argmin(sse);
        double[] coef = new double[p];
        for (int j = 0; j < p; j++) {
            coef[j] = cr[j * l + best];
        }
        double[] w = new double[p];
        Blas.gemv(p, p, 1.0, v, coef, 0.0, w);
        double[] curve = divide(sse, n);
        Selection sel = new Selection(grid[best], true, curve[best], grid.clone(), curve, residuals, "eigen");
        return new LinearFit(w, ybar - dot(mean, w), sel);
    }

    // ----------------------------------------------------------------------------------------

    /** x = U diag(1/(s + shift)) U^T rhs, dropping eigenvalues s + shift <= n eps max|s| (pseudo-inverse). */
    static double[] pseudoSolve(SymmetricEigen eig, double shift, double[] rhs) {
        int n = eig.n();
        double[] s = clampedValues(eig);
        double max = 0;
        for (double x : s) {
            max = Math.max(max, x + shift);
        }
        double tol = n * Math.ulp(1.0) * max;
        double[] u = eig.vectors();
        double[] c = new double[n];
        Blas.gemm(true, false, n, 1, n, 1.0, u, rhs, 0.0, c);
        for (int j = 0; j < n; j++) {
            double den = s[j] + shift;
            c[j] = den > tol ? c[j] / den : 0;
        }
        double[] x = new double[n];
        Blas.gemv(n, n, 1.0, u, c, 0.0, x);
        return x;
    }

    private static double[] clampedValues(SymmetricEigen eig) {
        double[] s = eig.values().clone();
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.max(0, s[j]);
        }
        return s;
    }

    /** Index of the smallest finite value (the first on ties); the last index when none is finite. */
    private static int argmin(double[] v) {
        int best = -1;
        for (int k = 0; k < v.length; k++) {
            if (Double.isFinite(v[k]) && (best < 0 || v[k] < v[best])) {
                best = k;
            }
        }
        return best < 0 ? v.length - 1 : best;
    }

    private static double[] divide(double[] v, double by) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / by;
        }
        return out;
    }

    private static double[] columnMeans(double[] a, int rows, int p) {
        double[] m = new double[p];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < p; j++) {
                m[j] += a[i * p + j];
            }
        }
        for (int j = 0; j < p; j++) {
            m[j] /= rows;
        }
        return m;
    }

    private static void subtractRow(double[] a, int rows, int p, double[] row) {
        for (int i = 0; i < rows; i++) {
            int off = i * p;
            for (int j = 0; j < p; j++) {
                a[off + j] -= row[j];
            }
        }
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
