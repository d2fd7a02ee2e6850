package cascade.engine.spectral;

import cascade.engine.Inputs;
import cascade.engine.NestedStatistics;
import cascade.engine.RunControl;
import cascade.engine.features.FeatureMap;
import cascade.engine.linalg.Blas;

/**
 * The label-weighted first-layer operator M = (1/n) sum_mu y_mu (z_mu z_mu^T - I_D) on the Hermite
 * features z of n samples (SCIENCE.md 4, step 1). Applied matrix-free to a block V (D x k):
 * M V = (1/n) sum_batches Z_b^T (y_b o (Z_b V)) - mean(y) V, two GEMMs per batch. Since
 * <flat(Q), z(x)> = <X, Q>_F / sqrt(2) for X = x x^T - I, this is the operator C[Q] of the
 * symmetric-matrix form in flat coordinates. Features are computed once and kept when they fit
 * the cache budget, else recomputed batch by batch from the inputs on every application.
 */
final class SpectralOperator {

    static final int BATCH = 4096;
    /** Keep n x D features in memory up to this many doubles (2 GiB). */
    static final long CACHE_DOUBLES = 1L << 28;

    private final Inputs inputs;
    private final FeatureMap map;
    private final double[] y;
    private final int from;
    private final int n;
    private final int dim;
    private final double meanY;
    private final boolean single;
    private final RunControl control;
    private final NestedStatistics nested;
    private double[] cache;
    private float[] cacheF;

    /** The operator on samples [from, from + n) of inputs with labels y (indexed like inputs). */
    SpectralOperator(Inputs inputs, FeatureMap map, double[] y, int from, int n, boolean single, RunControl control) {
        this(inputs, map, y, from, n, single, NestedStatistics.NONE, control);
    }

    /**
     * As above; when the operator covers the first n training rows in float64, {@link #dense()}
     * takes its Gram from the sweep's shared prefix statistics when they have it.
     */
    SpectralOperator(Inputs inputs, FeatureMap map, double[] y, int from, int n, boolean single,
            NestedStatistics nested, RunControl control) {
        this.nested = from == 0 && !single ? nested : NestedStatistics.NONE;
        this.inputs = inputs;
        this.map = map;
        this.y = y;
        this.from = from;
        this.n = n;
        this.dim = map.outputDimension();
        this.single = single;
        this.control = control;
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += y[i];
        }
        this.meanY = s / n;
        if (map.isIdentity() && inputs.backing() != null && from == 0 && n == inputs.n() && !single) {
            cache = inputs.backing(); // the inputs already are the features: no copy
        } else if ((long) n * dim <= CACHE_DOUBLES) {
            double[] z = features(from, n);
            if (single) {
                cacheF = toFloat(z);
            } else {
                cache = z;
            }
        }
    }

    int dimension() {
        return dim;
    }

    int samples() {
        return n;
    }

    /** Features of samples [start, start + rows) (rows x D). */
    double[] features(int start, int rows) {
        double[] x = new double[rows * inputs.dim()];
        double[] z = new double[rows * dim];
        for (int b = 0; b < rows; b += BATCH) {
            int r = Math.min(BATCH, rows - b);
            double[] xb = r == rows ? x : new double[r * inputs.dim()];
            inputs.rows(start + b, r, xb);
            double[] zb = r == rows ? z : new double[r * dim];
            map.apply(xb, r, zb);
            if (zb != z) {
                System.arraycopy(zb, 0, z, b * dim, r * dim);
            }
        }
        return z;
    }

    /** out (D x k) = M v for v (D x k), both row-major. */
    void apply(double[] v, int k, double[] out) {
        if (single) {
            applySingle(v, k, out);
            return;
        }
        java.util.Arrays.fill(out, 0.0);
        // With cached features the whole sample is one batch: two large GEMMs, no copies.
        int step = cache != null ? n : BATCH;
        double[] t = new double[Math.min(step, n) * k];
        for (int b = 0; b < n; b += step) {
            control.checkpoint();
            int rows = Math.min(step, n - b);
            double[] zb = batch(b, rows);
            Blas.gemm(false, false, rows, k, dim, 1.0, zb, v, 0.0, t);          // T = Z_b V
            for (int r = 0; r < rows; r++) {
                double w = y[from + b + r];
                for (int c = 0; c < k; c++) {
                    t[r * k + c] *= w;
                }
            }
            Blas.gemm(true, false, dim, k, rows, 1.0 / n, zb, t, 1.0, out);   // out += Z_b^T T / n
        }
        for (int i = 0; i < dim * k; i++) {
            out[i] -= meanY * v[i];
        }
    }

    private void applySingle(double[] v, int k, double[] out) {
        float[] vf = toFloat(v);
        float[] acc = new float[dim * k];
        int step = cacheF != null ? n : BATCH;
        float[] t = new float[Math.min(step, n) * k];
        for (int b = 0; b < n; b += step) {
            control.checkpoint();
            int rows = Math.min(step, n - b);
            float[] zb = batchF(b, rows);
            Blas.sgemm(false, false, rows, k, dim, 1f, zb, vf, 0f, t);
            for (int r = 0; r < rows; r++) {
                float w = (float) y[from + b + r];
                for (int c = 0; c < k; c++) {
                    t[r * k + c] *= w;
                }
            }
            Blas.sgemm(true, false, dim, k, rows, 1f / n, zb, t, 1f, acc);
        }
        for (int i = 0; i < dim * k; i++) {
            out[i] = acc[i] - meanY * v[i];
        }
    }

    /** The dense D x D operator: (1/n) Z^T diag(y) Z - mean(y) I (for small D). */
    double[] dense() {
        double[] shared = nested.weightedGram(map, n, control);
        if (shared != null) {
            double inv = 1.0 / n;
            for (int i = 0; i < shared.length; i++) {
                shared[i] *= inv;
            }
            for (int i = 0; i < dim; i++) {
                shared[i * dim + i] -= meanY;
            }
            return shared;
        }
        double[] m = new double[dim * dim];
        if (cache != null) {
            double[] w = java.util.Arrays.copyOfRange(y, from, from + n);
            Blas.weightedGram(n, dim, cache, w, 1.0 / n, 0.0, m);
            for (int i = 0; i < dim; i++) {
                m[i * dim + i] -= meanY;
            }
            return m;
        }
        for (int b = 0; b < n; b += BATCH) {
            control.checkpoint();
            int rows = Math.min(BATCH, n - b);
            double[] zb = single ? toDouble(batchF(b, rows)) : batch(b, rows);
            double[] w = new double[rows];
            System.arraycopy(y, from + b, w, 0, rows);
            Blas.weightedGram(rows, dim, zb, w, 1.0 / n, 1.0, m);
        }
        for (int i = 0; i < dim; i++) {
            m[i * dim + i] -= meanY;
        }
        return m;
    }

    private double[] batch(int b, int rows) {
        if (cache == null) {
            return features(from + b, rows);
        }
        if (rows == n) {
            return cache;
        }
        double[] zb = new double[rows * dim];
        System.arraycopy(cache, b * dim, zb, 0, rows * dim);
        return zb;
    }

    private float[] batchF(int b, int rows) {
        if (cacheF == null) {
            return toFloat(features(from + b, rows));
        }
        if (rows == n) {
            return cacheF;
        }
        float[] zb = new float[rows * dim];
        System.arraycopy(cacheF, b * dim, zb, 0, rows * dim);
        return zb;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
