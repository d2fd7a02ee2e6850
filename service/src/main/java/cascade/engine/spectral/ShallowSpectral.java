package cascade.engine.spectral;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.features.FeatureMap;
import cascade.engine.linalg.Blas;
import cascade.engine.spec.DirectionRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shallow, non-adaptive comparison of the depth-separation experiments (P3): one spectral step
 * on the degree-2q object directly, with no intermediate layer and no second-layer fit. The
 * predictor is the quadratic form of the moment operator in the degree-q features,
 * y^ = z^T M_k z - tr M_k, with M_k = M (directions "all": the plain degree-2q moment estimator, a
 * kernel-type method whose error needs n >> D^2 ~ d^(2q)) or its top-k eigenpairs by |lambda|;
 * then the same affine calibration as the layer-wise estimator.
 */
public final class ShallowSpectral implements Estimator {

    /** The full operator is held as a dense D x D matrix up to this D. */
    static final int MAX_DENSE = 4000;

    private final ShallowSpectralSpec spec;
    private final FeatureMap map;
    private final long seed;

    public ShallowSpectral(ShallowSpectralSpec spec, FeatureMap map, long seed) {
        this.spec = spec;
        this.map = map;
        this.seed = seed;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        SpectralOperator op = new SpectralOperator(train.x(), map, train.y(), 0, n, false, train.nested(), control);
        int dim = op.dimension();
        Map<String, Object> info = new LinkedHashMap<>();
        double[] sTrain;
        double[] sTest;
        double[] directions = null;
        int k;
        double[] spectrum;
        if (spec.directions() instanceof DirectionRule.All || spec.directions().maxDirections() >= dim) {
            if (dim > MAX_DENSE) {
                throw new IllegalArgumentException("shallow-spectral with all directions needs D <= " + MAX_DENSE
                        + " (D = " + dim + "); give a number of directions");
            }
            double[] m = op.dense();
            control.checkpoint();
            sTrain = quadraticForm(op, train.x(), n, m, dim);
            sTest = quadraticForm(op, test, test.n(), m, dim);
            k = dim;
            info.put("directionsKept", dim);
            double[] values = Blas.eigenvalues(m, dim);
            spectrum = topByMagnitude(values, Math.min(dim, 50));
        } else {
            int want = Math.min(dim, spec.directions().maxDirections());
            Eigenpairs eig = TopEigen.compute(op, want, spec.oversample(), spec.iterations(), spec.tolerance(), seed,
                    control);
            double edge = HierarchicalSpectral.bulkEdge(train.y(), 0, n, dim);
            k = HierarchicalSpectral.kept(spec.directions(), eig, want, new double[] {edge, -edge});
            directions = java.util.Arrays.copyOf(eig.vectors(), k * dim);
            double[] lambda = java.util.Arrays.copyOf(eig.values(), k);
            sTrain = spectralForm(Projection.project(train.x(), map, 0, n, directions, k), n, k, lambda);
            sTest = spectralForm(Projection.project(test, map, 0, test.n(), directions, k), test.n(), k, lambda);
            spectrum = eig.values();
            info.put("directionsKept", k);
            info.put("iterations", eig.iterations());
        }
        Calibration cal = Calibration.fit(sTrain, train.y(), 0, 1);
        info.put("calibration", cal.coefficients());
        return new Estimate(cal.predict(sTest), directions, directions == null ? 0 : k, spectrum, info);
    }

    /** z^T M z - tr M for every row, batch by batch. */
    private double[] quadraticForm(SpectralOperator op, Inputs inputs, int rows, double[] m, int dim) {
        double tr = 0;
        for (int i = 0; i < dim; i++) {
            tr += m[i * dim + i];
        }
        double[] out = new double[rows];
        int batch = 2048;
        double[] x = new double[Math.min(batch, rows) * inputs.dim()];
        double[] z = new double[Math.min(batch, rows) * dim];
        double[] zm = new double[Math.min(batch, rows) * dim];
        for (int b = 0; b < rows; b += batch) {
            int r = Math.min(batch, rows - b);
            inputs.rows(b, r, x);
            map.apply(x, r, z);
            Blas.gemm(false, false, r, dim, dim, 1.0, z, m, 0.0, zm);
            for (int i = 0; i < r; i++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += z[i * dim + j] * zm[i * dim + j];
                }
                out[b + i] = s - tr;
            }
        }
        return out;
    }

    /** sum_i lambda_i ((v_i . z)^2 - 1) from projections h (rows x k). */
    private static double[] spectralForm(double[] h, int rows, int k, double[] lambda) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                double v = h[r * k + c];
                s += lambda[c] * (v * v - 1);
            }
            out[r] = s;
        }
        return out;
    }

    private static double[] topByMagnitude(double[] values, int k) {
        return java.util.Arrays.stream(values).boxed()
                .sorted((a, b) -> Double.compare(Math.abs(b), Math.abs(a)))
                .limit(k).mapToDouble(Double::doubleValue).toArray();
    }
}
