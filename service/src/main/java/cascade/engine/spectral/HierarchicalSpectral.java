package cascade.engine.spectral;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.features.FeatureMap;
import cascade.engine.features.Hermite2;
import cascade.engine.kernel.KernelRidge;
import cascade.engine.spec.DirectionRule;
import cascade.engine.spectral.HierarchicalSpectralSpec.Precision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layer-wise spectral estimator of P1/P3 (SCIENCE.md 4, "three-layer fitting model"):
 * 1. first-layer operator M on the Hermite features, its top directions by |lambda|;
 * 2. (three-level targets) the same step again on the degree-2 features of the standardised
 *    recovered features;
 * 3. second layer B^ = (1/(2n)) sum y (h^ h^^T - I), symmetric;
 * 4. score s^ = h^T B^ h^ - tr B^, rescaled and calibrated (or a cubic link, or RBF kernel ridge
 *    on h^).
 * Without splitting, every layer uses the same n samples, as the papers do; with {@code split}
 * layer 1 uses the first half and the rest the second half.
 */
public final class HierarchicalSpectral implements Estimator {

    /** Kernel ridge readout on h^ uses at most this many training samples (reported in info). */
    static final int KRR_MAX_TRAIN = 3000;

    private final HierarchicalSpectralSpec spec;
    private final FeatureMap map;
    private final int latentDirections;
    private final long seed;

    /**
     * @param map              inputs -> Hermite features (identity for gaussian-equivalent inputs)
     * @param latentDirections for three-level targets the directions of the latent spectral step
     *                         (p2 of the fitting model), 0 for two-level
     */
    public HierarchicalSpectral(HierarchicalSpectralSpec spec, FeatureMap map, int latentDirections, long seed) {
        this.spec = spec;
        this.map = map;
        this.latentDirections = latentDirections;
        this.seed = seed;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        double[] y = train.y();
        int n1 = spec.split() ? n / 2 : n;
        int from2 = spec.split() ? n1 : 0;
        int n2 = n - from2;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("split", spec.split());
        info.put("precision", spec.precision().json());
        info.put("readout", spec.readout().json());

        // Layer 1: top directions of M on samples [0, n1).
        control.progress(0.0, "layer1");
        SpectralOperator op = new SpectralOperator(train.x(), map, y, 0, n1, spec.precision() == Precision.FLOAT32,
                train.nested(), control);
        int dim = op.dimension();
        int want = Math.min(dim, spec.directions().maxDirections());
        Eigenpairs eig = TopEigen.compute(op, want, spec.oversample(), spec.iterations(), spec.tolerance(), seed,
                control);
        double[] edges = spec.directions() instanceof DirectionRule.Auto
                ? NullEdges.estimate(train.x(), map, y, 0, n1, spec.precision() == Precision.FLOAT32, seed, control)
                : new double[] {bulkEdge(y, 0, n1, dim), -bulkEdge(y, 0, n1, dim)};
        double edge = Math.max(edges[0], -edges[1]);
        int k = kept(spec.directions(), eig, want, edges);
        info.put("directionsKept", k);
        info.put("bulkEdge", edge);
        info.put("bulkEdges", edges);
        info.put("iterations", eig.iterations());
        info.put("residual", eig.residual());
        double[] ahat = java.util.Arrays.copyOf(eig.vectors(), k * dim);
        if (spec.histogram() > 0) {
            info.put("histogram", SpectrumHistogram.of(op, spec.histogram(), control));
        }
        control.checkpoint();

        // Recovered features on the second-stage samples and on test.
        double[] hTrain = Projection.project(train.x(), map, from2, n2, ahat, k);
        double[] hTest = Projection.project(test, map, 0, test.n(), ahat, k);
        int width = k;
        if (latentDirections > 0 && k > 0) {
            Latent latent = latentLayer(hTrain, hTest, k, y, from2, n2, control, info);
            hTrain = latent.train();
            hTest = latent.test();
            width = latent.width();
        }
        control.progress(0.9, "readout");
        double[] predictions = readout(hTrain, hTest, width, y, from2, n2, test.n(), info);
        return new Estimate(predictions, ahat, k, eig.values(), info);
    }

    /**
     * The bulk edge of M estimated from the data: 2 sqrt(D/n) times the RMS label (the semicircle
     * radius of (1/n) sum y (z z^T - I) with Gaussian z, SCIENCE.md 6), widened by 5% so bulk
     * eigenvalues at the edge's finite-size fluctuations are not kept.
     */
    static double bulkEdge(double[] y, int from, int n, int dim) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += y[i] * y[i];
        }
        return 1.05 * 2 * Math.sqrt((double) dim / n) * Math.sqrt(s / n);
    }

    /**
     * Directions kept: a fixed count, all, or (auto) the leading eigenvalues that lie outside the
     * bulk, whose upper and lower edges ({@code edges[0] > 0 > edges[1]}) are estimated from the data.
     */
    static int kept(DirectionRule rule, Eigenpairs eig, int want, double[] edges) {
        return switch (rule) {
            case DirectionRule.Fixed f -> Math.min(f.k(), eig.k());
            case DirectionRule.All all -> eig.k();
            case DirectionRule.Auto auto -> {
                int c = 0;
                while (c < Math.min(want, eig.k())
                        && (eig.values()[c] > edges[0] || eig.values()[c] < edges[1])) {
                    c++;
                }
                yield c;
            }
        };
    }

    private record Latent(double[] train, double[] test, int width) {
    }

    /** Three-level: a spectral step on the degree-2 features of the standardised h^1 (P3). */
    private Latent latentLayer(double[] hTrain, double[] hTest, int k, double[] y, int from2, int n2,
            RunControl control, Map<String, Object> info) {
        standardizeColumns(hTrain, n2, k, hTest, hTest.length / k);
        Hermite2 second = new Hermite2(k);
        double[] y2 = new double[n2];
        System.arraycopy(y, from2, y2, 0, n2);
        SpectralOperator op = new SpectralOperator(Inputs.of(hTrain, n2, k), second, y2, 0, n2, false, control);
        int want = Math.min(op.dimension(), latentDirections);
        Eigenpairs eig = TopEigen.compute(op, want, spec.oversample(), spec.iterations(), spec.tolerance(),
                seed + 1, control);
        int k2 = Math.min(want, eig.k());
        double[] a2 = java.util.Arrays.copyOf(eig.vectors(), k2 * op.dimension());
        info.put("latentDirectionsKept", k2);
        return new Latent(Projection.project(Inputs.of(hTrain, n2, k), second, 0, n2, a2, k2),
                Projection.project(Inputs.of(hTest, hTest.length / k, k), second, 0, hTest.length / k, a2, k2), k2);
    }

    private double[] readout(double[] hTrain, double[] hTest, int k, double[] y, int from2, int n2, int nTest,
            Map<String, Object> info) {
        if (k == 0) {
            info.put("note", "no direction kept: predicting the training mean");
            double mean = java.util.Arrays.stream(y, from2, from2 + n2).average().orElse(0);
            double[] out = new double[nTest];
            java.util.Arrays.fill(out, mean);
            return out;
        }
        if (spec.readout() == HierarchicalSpectralSpec.Readout.RBF_KRR) {
            int used = Math.min(n2, KRR_MAX_TRAIN);
            info.put("readoutTrainUsed", used);
            info.put("readoutCapped", used < n2);
            double[] yk = new double[used];
            System.arraycopy(y, from2, yk, 0, used);
            return KernelRidge.rbfFitPredict(java.util.Arrays.copyOf(hTrain, used * k), used, k, yk, hTest, nTest,
                    1e-3);
        }
        double[] b = secondLayer(hTrain, n2, k, y, from2);
        double[] sTrain = score(hTrain, n2, k, b);
        double[] sTest = score(hTest, nTest, k, b);
        int degree = spec.readout() == HierarchicalSpectralSpec.Readout.POLYNOMIAL ? 3 : 1;
        Calibration cal = Calibration.fit(sTrain, y, from2, degree);
        info.put("calibration", cal.coefficients());
        return cal.predict(sTest);
    }

    /** B^ = (1/(2n)) sum y (h h^T - I) (k x k), symmetric by construction. */
    static double[] secondLayer(double[] h, int n, int k, double[] y, int yFrom) {
        double[] w = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            w[i] = y[yFrom + i];
            mean += w[i];
        }
        mean /= n;
        double[] b = new double[k * k];
        cascade.engine.linalg.Blas.weightedGram(n, k, h, w, 1.0 / (2 * n), 0.0, b);
        for (int i = 0; i < k; i++) {
            b[i * k + i] -= mean / 2;
        }
        return b;
    }

    /** s^ = h^T B^ h - tr B^ per row. */
    static double[] score(double[] h, int n, int k, double[] b) {
        double[] hb = new double[n * k];
        cascade.engine.linalg.Blas.gemm(false, false, n, k, k, 1.0, h, b, 0.0, hb);
        double tr = 0;
        for (int i = 0; i < k; i++) {
            tr += b[i * k + i];
        }
        double[] s = new double[n];
        for (int r = 0; r < n; r++) {
            double v = 0;
            for (int c = 0; c < k; c++) {
                v += h[r * k + c] * hb[r * k + c];
            }
            s[r] = v - tr;
        }
        return s;
    }

    /** Standardises columns of train (n x k) with train statistics, and test with the same. */
    static void standardizeColumns(double[] train, int n, int k, double[] test, int m) {
        for (int c = 0; c < k; c++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += train[r * k + c];
            }
            mean /= n;
            double var = 0;
            for (int r = 0; r < n; r++) {
                double e = train[r * k + c] - mean;
                var += e * e;
            }
            double inv = var > 0 ? 1 / Math.sqrt(var / n) : 1;
            for (int r = 0; r < n; r++) {
                train[r * k + c] = (train[r * k + c] - mean) * inv;
            }
            for (int r = 0; r < m; r++) {
                test[r * k + c] = (test[r * k + c] - mean) * inv;
            }
        }
    }
}
