package cascade.engine.kernel;

import cascade.engine.linalg.Blas;
import cascade.engine.linalg.SymmetricEigen;
import cascade.engine.spec.RidgeChoice;

/**
 * Ridge regression with intercept, in primal (features) or dual (kernel) form, with the penalty
 * lambda * n on the n x n or m x m system. The intercept is handled by centring y (and the features
 * in primal form) with training means. Exact leave-one-out over {@link RidgeChoice#looGrid()} uses
 * one eigendecomposition for the whole grid: with K = U diag(s) U^T the LOO residual of point i is
 * alpha_i / [(K + lambda n I)^-1]_ii (dual), or (y_i - yhat_i) / (1 - H_ii) with the hat matrix
 * H = P diag(1/(s + lambda n)) P^T, P = X V (primal). Both ignore that the centring itself used
 * point i (an O(1/n) effect), as is usual.
 */
final class RidgeSolver {

    private RidgeSolver() {
    }

    /** A fitted linear model y^ = x . w + intercept (primal) or k(x, X) . alpha + intercept (dual). */
    record Fit(double[] coefficients, double intercept, double lambda, double looMse) {
    }

    static double mean(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v;
        }
        return s / y.length;
    }

    /** Dual form on the kernel matrix k (n x n, not modified). */
    static Fit dual(double[] k, int n, double[] y, RidgeChoice ridge) {
        double mu = mean(y);
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - mu;
        }
        if (!ridge.isLeaveOneOut()) {
            double lambda = ridge.fixed();
            double[] a = k.clone();
            for (int i = 0; i < n; i++) {
                a[i * n + i] += lambda * n;
            }
            double[] alpha = yc.clone();
            if (!Blas.solveSpd(a, n, alpha, 1)) {
                a = k.clone();
                for (int i = 0; i < n; i++) {
                    a[i * n + i] += lambda * n + 1e-10 * traceMean(k, n);
                }
                alpha = yc.clone();
                Blas.solveSymmetric(a, n, alpha, 1);
            }
            return new Fit(alpha, mu, lambda, Double.NaN);
        }
        SymmetricEigen eig = Blas.eigh(k, n);
        double[] s = eig.values();
        double[] u = eig.vectors();
        double[] uty = new double[n];
        Blas.gemm(true, false, n, 1, n, 1.0, u, yc, 0.0, uty);
        double[] u2 = new double[n * n];
        for (int i = 0; i < u2.length; i++) {
            u2[i] = u[i] * u[i];
        }
        double best = Double.POSITIVE_INFINITY;
        double bestLambda = 0;
        double[] bestAlpha = null;
        for (double lambda : RidgeChoice.looGrid()) {
            double ln = lambda * n;
            double[] inv = new double[n];
            double[] scaled = new double[n];
            for (int j = 0; j < n; j++) {
                inv[j] = 1 / (Math.max(s[j], 0) + ln);
                scaled[j] = uty[j] * inv[j];
            }
            double[] alpha = new double[n];
            Blas.gemv(n, n, 1.0, u, scaled, 0.0, alpha);
            double[] diag = new double[n];
            Blas.gemv(n, n, 1.0, u2, inv, 0.0, diag);
            double mse = 0;
            for (int i = 0; i < n; i++) {
                double r = alpha[i] / diag[i];
                mse += r * r;
            }
            mse /= n;
            if (mse < best) {
                best = mse;
                bestLambda = lambda;
                bestAlpha = alpha;
            }
        }
        return new Fit(bestAlpha, mu, bestLambda, best);
    }

    /** Primal form on features x (n x m, not modified); coefficients act on uncentred x. */
    static Fit primal(double[] x, int n, int m, double[] y, RidgeChoice ridge) {
        double mu = mean(y);
        double[] means = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                means[j] += x[i * m + j];
            }
        }
        for (int j = 0; j < m; j++) {
            means[j] /= n;
        }
        double[] xc = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                xc[i * m + j] = x[i * m + j] - means[j];
            }
        }
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - mu;
        }
        double[] g = new double[m * m];
        Blas.gram(n, m, 1.0, xc, 0.0, g);
        double[] xty = new double[m];
        Blas.gemm(true, false, m, 1, n, 1.0, xc, yc, 0.0, xty);
        double lambda;
        double loo = Double.NaN;
        double[] w;
        if (!ridge.isLeaveOneOut()) {
            lambda = ridge.fixed();
            double[] a = g.clone();
            for (int j = 0; j < m; j++) {
                a[j * m + j] += lambda * n;
            }
            w = xty.clone();
            if (!Blas.solveSpd(a, m, w, 1)) {
                a = g.clone();
                for (int j = 0; j < m; j++) {
                    a[j * m + j] += lambda * n + 1e-10 * traceMean(g, m);
                }
                w = xty.clone();
                Blas.solveSymmetric(a, m, w, 1);
            }
        } else {
            SymmetricEigen eig = Blas.eigh(g, m);
            double[] s = eig.values();
            double[] v = eig.vectors();
            double[] p = new double[n * m];
            Blas.gemm(false, false, n, m, m, 1.0, xc, v, 0.0, p);           // P = Xc V
            double[] vtxy = new double[m];
            Blas.gemm(true, false, m, 1, m, 1.0, v, xty, 0.0, vtxy);
            double[] p2 = new double[n * m];
            for (int i = 0; i < p2.length; i++) {
                p2[i] = p[i] * p[i];
            }
            double best = Double.POSITIVE_INFINITY;
            double bestLambda = 0;
            double[] bestScaled = null;
            for (double l : RidgeChoice.looGrid()) {
                double ln = l * n;
                double[] inv = new double[m];
                double[] scaled = new double[m];
                for (int j = 0; j < m; j++) {
                    inv[j] = 1 / (Math.max(s[j], 0) + ln);
                    scaled[j] = vtxy[j] * inv[j];
                }
                double[] fitted = new double[n];
                Blas.gemv(n, m, 1.0, p, scaled, 0.0, fitted);
                double[] h = new double[n];
                Blas.gemv(n, m, 1.0, p2, inv, 0.0, h);
                double mse = 0;
                for (int i = 0; i < n; i++) {
                    double r = (yc[i] - fitted[i]) / (1 - h[i]);
                    mse += r * r;
                }
                mse /= n;
                if (mse < best) {
                    best = mse;
                    bestLambda = l;
                    bestScaled = scaled;
                }
            }
            lambda = bestLambda;
            loo = best;
            w = new double[m];
            Blas.gemv(m, m, 1.0, v, bestScaled, 0.0, w);
        }
        double intercept = mu;
        for (int j = 0; j < m; j++) {
            intercept -= w[j] * means[j];
        }
        return new Fit(w, intercept, lambda, loo);
    }

    private static double traceMean(double[] a, int n) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += a[i * n + i];
        }
        return Math.max(t / n, 1e-300);
    }
}
