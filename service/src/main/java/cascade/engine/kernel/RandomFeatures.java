package cascade.engine.kernel;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.linalg.Blas;
import cascade.engine.random.Streams;
import cascade.engine.spec.RandomFeaturesSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * Lazy random features (SCIENCE.md 4 baselines): {@code depth} random layers
 * h <- act(h W / sqrt(fan_in)) with Gaussian W (seeded by the run seed and the layer), width P,
 * then ridge with intercept: primal (P x P) when P <= n, dual (n x n) otherwise.
 */
public final class RandomFeatures implements Estimator {

    private final RandomFeaturesSpec spec;
    private final long seed;

    public RandomFeatures(RandomFeaturesSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        int p = spec.width();
        double[][] weights = new double[spec.depth()][];
        int fanIn = train.x().dim();
        for (int l = 0; l < spec.depth(); l++) {
            weights[l] = Streams.normals(Streams.provider(seed, "rf.W" + l), fanIn * p);
            fanIn = p;
        }
        double[] ftrain = features(train.x().all(), n, train.x().dim(), weights);
        control.checkpoint();
        double[] ftest = features(test.all(), test.n(), test.dim(), weights);
        control.checkpoint();
        double[] predictions = new double[test.n()];
        RidgeSolver.Fit fit;
        if (p <= n) {
            fit = RidgeSolver.primal(ftrain, n, p, train.y(), spec.ridge());
            Blas.gemv(test.n(), p, 1.0, ftest, fit.coefficients(), 0.0, predictions);
        } else {
            double[] k = new double[n * n];
            Blas.gemm(false, true, n, n, p, 1.0, ftrain, ftrain, 0.0, k);
            fit = RidgeSolver.dual(k, n, train.y(), spec.ridge());
            double[] kt = new double[test.n() * n];
            Blas.gemm(false, true, test.n(), n, p, 1.0, ftest, ftrain, 0.0, kt);
            Blas.gemv(test.n(), n, 1.0, kt, fit.coefficients(), 0.0, predictions);
        }
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] += fit.intercept();
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("ridge", fit.lambda());
        info.put("form", p <= n ? "primal" : "dual");
        return new Estimate(predictions, null, 0, null, info);
    }

    /** Features of x (n x d) through every layer, scaled by 1/sqrt(P) so the Gram is O(1). */
    double[] features(double[] x, int n, int d, double[][] weights) {
        double[] h = x;
        int fanIn = d;
        int p = spec.width();
        for (double[] w : weights) {
            double[] pre = new double[n * p];
            Blas.gemm(false, false, n, p, fanIn, 1.0 / Math.sqrt(fanIn), h, w, 0.0, pre);
            for (int i = 0; i < pre.length; i++) {
                pre[i] = activation(spec.activation(), pre[i]);
            }
            h = pre;
            fanIn = p;
        }
        double scale = 1 / Math.sqrt(p);
        for (int i = 0; i < h.length; i++) {
            h[i] *= scale;
        }
        return h;
    }

    /**
     * Activations; "relu-hermite" is ReLU minus its Hermite-0 and Hermite-1 components for a
     * standard normal pre-activation: relu(u) - 1/sqrt(2 pi) - u/2.
     */
    static double activation(String name, double u) {
        return switch (name) {
            case "relu" -> Math.max(u, 0);
            case "relu-hermite" -> Math.max(u, 0) - 1 / Math.sqrt(2 * Math.PI) - u / 2;
            case "tanh" -> Math.tanh(u);
            case "sigmoid" -> 1 / (1 + Math.exp(-u));
            case "erf" -> Erf.erf(u);
            case "identity" -> u;
            case "abs" -> Math.abs(u);
            case "quadratic" -> u * u;
            case "he2" -> (u * u - 1) / Math.sqrt(2);
            default -> throw new IllegalArgumentException("unknown activation " + name);
        };
    }

}
