package cascade.engine.kernel;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.linalg.Blas;
import cascade.engine.spec.KernelRidgeSpec;
import cascade.engine.spec.RidgeChoice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kernel ridge regression on the inputs (SCIENCE.md 4 baselines), ridge lambda * n. Only the first
 * {@code maxTrain} training samples are used when n is larger (an n x n kernel must fit); the cap
 * is reported in the info as trainUsed and capped, never silent.
 */
public final class KernelRidge implements Estimator {

    static final int TEST_BLOCK = 2048;

    private final KernelRidgeSpec spec;

    public KernelRidge(KernelRidgeSpec spec) {
        this.spec = spec;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = Math.min(train.n(), spec.maxTrain());
        int d = train.x().dim();
        double[] x = new double[n * d];
        train.x().rows(0, n, x);
        double[] y = java.util.Arrays.copyOf(train.y(), n);
        String kind = spec.kernel().kind();
        double bw2 = kind.equals("rbf") ? Kernels.medianBandwidth2(x, n, d) : 0;
        control.progress(0.1, "kernel");
        double[] k = Kernels.matrix(kind, spec.kernel().degree(), bw2, x, n, x, n, d);
        control.checkpoint();
        RidgeSolver.Fit fit = RidgeSolver.dual(k, n, y, spec.ridge());
        control.checkpoint();
        double[] predictions = predict(kind, spec.kernel().degree(), bw2, x, n, d, fit, test, control);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("kernel", kind);
        if (kind.equals("rbf")) {
            info.put("bandwidth2", bw2);
        }
        info.put("ridge", fit.lambda());
        info.put("trainUsed", n);
        info.put("capped", n < train.n());
        return new Estimate(predictions, null, 0, null, info);
    }

    private static double[] predict(String kind, int degree, double bw2, double[] x, int n, int d,
            RidgeSolver.Fit fit, Inputs test, RunControl control) {
        int m = test.n();
        double[] out = new double[m];
        double[] xt = new double[Math.min(TEST_BLOCK, m) * d];
        for (int b = 0; b < m; b += TEST_BLOCK) {
            control.checkpoint();
            int r = Math.min(TEST_BLOCK, m - b);
            test.rows(b, r, xt);
            double[] kt = Kernels.matrix(kind, degree, bw2, java.util.Arrays.copyOf(xt, r * d), r, x, n, d);
            double[] pb = new double[r];
            Blas.gemv(r, n, 1.0, kt, fit.coefficients(), 0.0, pb);
            for (int i = 0; i < r; i++) {
                out[b + i] = pb[i] + fit.intercept();
            }
        }
        return out;
    }

    /**
     * RBF kernel ridge (median heuristic, ridge lambda * n) fitted on x (n x d) and evaluated on
     * test (m x d); used as a readout on recovered features.
     */
    public static double[] rbfFitPredict(double[] x, int n, int d, double[] y, double[] test, int m, double lambda) {
        double bw2 = Kernels.medianBandwidth2(x, n, d);
        double[] k = Kernels.matrix("rbf", 0, bw2, x, n, x, n, d);
        RidgeSolver.Fit fit = RidgeSolver.dual(k, n, y, RidgeChoice.of(lambda));
        return predict("rbf", 0, bw2, x, n, d, fit, Inputs.of(test, m, d), RunControl.NONE);
    }
}
