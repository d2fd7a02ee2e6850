package cascade.engine.kernel;

import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.spec.RidgeChoice;
import java.util.Map;

/**
 * The ridge readouts of {@link RidgeSolver} for estimators outside this package (Neural LoFi, deep
 * NNGP): ridge with intercept, penalty lambda n, fixed or chosen by exact leave-one-out over
 * {@link RidgeChoice#looGrid()}. A facade only: the algebra and its documentation live in RidgeSolver.
 */
public final class RidgeReadout {

    private RidgeReadout() {
    }

    /** A fitted linear readout f(x) = phi(x) . w + b. */
    public static final class Linear {
        private final RidgeSolver.LinearFit fit;
        private final String form;

        private Linear(RidgeSolver.LinearFit fit, String form) {
            this.fit = fit;
            this.form = form;
        }

        public double[] predict(Inputs features, RunControl control) {
            return fit.predict(features, control);
        }

        public double ridge() {
            return fit.selection().ridge();
        }

        /** Records form, ridge, ridgeSelection, looMse (loo), solver. */
        public void record(Map<String, Object> info) {
            info.put("form", form);
            fit.selection().record(info);
        }
    }

    /**
     * Ridge with intercept on features (n x p, streamed): primal (p x p) when p <= n, else dual
     * (n x n, features in memory), as {@link RandomFeatures} does.
     */
    public static Linear features(Inputs f, double[] y, RidgeChoice ridge, RunControl control) {
        int n = f.n();
        int p = f.dim();
        if (p <= n) {
            return new Linear(RidgeSolver.primal(f, y, ridge, control), "primal");
        }
        double[] phi = f.all();
        control.checkpoint();
        return new Linear(RidgeSolver.dualFeatures(phi, n, p, y, ridge, control), "dual");
    }

    /** Leave-one-out residuals (n x grid, row-major) of the primal ridge, for tests. */
    public static double[] primalLooResiduals(Inputs f, double[] y, double[] grid) {
        return RidgeSolver.primal(f, y, Double.NaN, grid, true, RunControl.NONE).selection().residuals();
    }

    /**
     * Kernel ridge with intercept on a training Gram g (n x n, symmetric, consumed): the Gram and y
     * are centred (J G J, y - mean y), alpha = (Gc + lambda n I)^{-1} yc, and
     * f(x) = k(x)^T alpha + mean(y) - r^T alpha with r the row means of G (1^T alpha = 0, so the
     * centring of the cross kernel reduces to this constant).
     */
    public static Kernel kernel(double[] g, int n, double[] y, RidgeChoice ridge, RunControl control) {
        double[] rowMeans = centre(g, n);
        double ybar = RidgeSolver.mean(y);
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - ybar;
        }
        RidgeSolver.DualFit fit = ridge.isLeaveOneOut()
                ? RidgeSolver.looDual(g, n, yc, true, RidgeChoice.looGrid(), false, control)
                : RidgeSolver.fixedDual(() -> g.clone(), n, yc, ridge.fixed(), control);
        double intercept = ybar;
        for (int i = 0; i < n; i++) {
            intercept -= rowMeans[i] * fit.alpha()[i];
        }
        return new Kernel(fit, intercept);
    }

    /** A fitted kernel readout. */
    public static final class Kernel {
        private final RidgeSolver.DualFit fit;
        private final double intercept;

        private Kernel(RidgeSolver.DualFit fit, double intercept) {
            this.fit = fit;
            this.intercept = intercept;
        }

        /** Predictions from the cross kernel k (rows x n, row-major: k(test_i, train_j)). */
        public double[] predict(double[] k, int rows, int n) {
            double[] out = new double[rows];
            cascade.engine.linalg.Blas.gemv(rows, n, 1.0, k, fit.alpha(), 0.0, out);
            for (int i = 0; i < rows; i++) {
                out[i] += intercept;
            }
            return out;
        }

        public double ridge() {
            return fit.selection().ridge();
        }

        public void record(Map<String, Object> info) {
            info.put("form", "dual");
            fit.selection().record(info);
        }
    }

    /** Centres g in place (J G J) and returns the row means of the original g. */
    public static double[] centre(double[] g, int n) {
        double[] r = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += g[i * n + j];
            }
            r[i] = s / n;
            total += s;
        }
        double grand = total / ((double) n * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i * n + j] += grand - r[i] - r[j];
            }
        }
        return r;
    }
}
