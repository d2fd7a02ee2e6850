package cascade.engine.kernel;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.linalg.Blas;
import cascade.engine.spec.RidgeChoice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kernel ridge regression on the inputs (SCIENCE.md 4, Baselines): alpha = (K + lambda n I)^{-1} y
 * with K the n x n training kernel ({@link KernelFunction}), solved by Cholesky for a fixed ridge
 * or chosen by exact leave-one-out over {@link RidgeChoice#looGrid()} ({@link RidgeSolver}); the
 * prediction is f(x) = sum_i alpha_i k(x, x_i). No separate intercept: the labels are standardised
 * with the training mean (SCIENCE.md 3.4), and polynomial-type kernels contain the constant.
 *
 * {@code maxTrain} caps n: only the first maxTrain training samples are used (the n x n kernel
 * must fit in memory); info records "trainUsed" and "capped" always. Test predictions are computed
 * in blocks of rows (a rows x n cross-kernel buffer reused, about 4M doubles).
 *
 * Info: kernel, degree (polynomial, arccos), bandwidth and medianSquaredDistance (rbf), ridge
 * (the lambda used), ridgeSelection, looMse (loo), solver, trainUsed, capped.
 */
public final class KernelRidge implements Estimator {

    /** Entries of the cross-kernel buffer used for test predictions. */
    public static final int PREDICT_BLOCK_ELEMENTS = 1 << 22;

    private final KernelRidgeSpec spec;

    /**
     * @param seed unused: kernel ridge has no randomness (the median-heuristic subsample is the
     *             first rows); kept so every estimator is built the same way
     */
    public KernelRidge(KernelRidgeSpec spec, long seed) {
        this.spec = spec;
    }

    /** The same estimator (it draws no random numbers). */
    public KernelRidge(KernelRidgeSpec spec) {
        this(spec, 0L);
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        int d = train.x().dim();
        int used = spec.maxTrain() > 0 ? Math.min(n, spec.maxTrain()) : n;
        Map<String, Object> info = new LinkedHashMap<>();
        control.progress(0.0, "kernel");
        double[] x = new double[Math.multiplyExact(used, d)];
        train.x().rows(0, used, x);
        double[] y = java.util.Arrays.copyOf(train.y(), used);
        KernelFunction kernel = KernelFunction.of(spec.kernel(), x, used, d);
        kernel.describe(info);
        Fitted fitted = fit(kernel, x, used, d, y, spec.ridge(), control);
        fitted.selection().record(info);
        info.put("trainUsed", used);
        info.put("capped", used < n);
        control.progress(0.8, "predict");
        double[] predictions = fitted.predict(test, control);
        control.progress(1.0, "done");
        return new Estimate(predictions, null, 0, null, info);
    }

    /**
     * RBF kernel ridge (median-heuristic bandwidth, fixed ridge lambda * n) on in-memory data: fits
     * on x (n x d, row-major) and y, predicts xTest (nTest x d). Used as the spectral estimator's
     * "rbf-krr" readout on the recovered features (SCIENCE.md 4, step 5).
     */
    public static double[] rbfFitPredict(double[] x, int n, int d, double[] y, double[] xTest, int nTest,
            double ridge) {
        KernelFunction kernel = KernelFunction.rbf(x, n, d);
        Fitted fitted = fit(kernel, x, n, d, y, RidgeChoice.of(ridge), RunControl.NONE);
        return fitted.predict(Inputs.of(xTest, nTest, d), RunControl.NONE);
    }

    static Fitted fit(KernelFunction kernel, double[] x, int n, int d, double[] y, RidgeChoice ridge,
            RunControl control) {
        double[] sq = KernelFunction.squaredNorms(x, n, d);
        RidgeSolver.DualFit dual = RidgeSolver.dual(() -> kernel.gram(x, sq, n), n, y, false, ridge, control);
        control.checkpoint();
        return new Fitted(kernel, x, sq, n, d, dual.alpha(), dual.selection());
    }

    /** A fitted kernel ridge: f(x) = sum_i alpha_i k(x, x_i). */
    record Fitted(KernelFunction kernel, double[] x, double[] sq, int n, int d, double[] alpha,
            RidgeSolver.Selection selection) {

        double[] predict(Inputs test, RunControl control) {
            int nt = test.n();
            if (test.dim() != d) {
                throw new IllegalArgumentException("test inputs have dim " + test.dim() + ", training " + d);
            }
            int rows = Math.max(1, Math.min(Math.max(nt, 1), PREDICT_BLOCK_ELEMENTS / Math.max(n, 1)));
            double[] xt = new double[rows * d];
            double[] k = new double[rows * n];
            double[] tmp = new double[rows];
            double[] out = new double[nt];
            for (int from = 0; from < nt; from += rows) {
                int count = Math.min(rows, nt - from);
                test.rows(from, count, xt);
                double[] sqt = KernelFunction.squaredNorms(xt, count, d);
                kernel.cross(xt, sqt, count, x, sq, n, k);
                Blas.gemv(count, n, 1.0, k, alpha, 0.0, tmp);
                System.arraycopy(tmp, 0, out, from, count);
                control.checkpoint();
            }
            return out;
        }
    }
}
