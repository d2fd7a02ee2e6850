package cascade.engine.spectral;

import cascade.engine.Inputs;
import cascade.engine.features.FeatureMap;
import cascade.engine.linalg.Blas;

/** Recovered features h^ = Z Ahat^T of samples, computed batch by batch (never all of Z at once). */
final class Projection {

    private Projection() {
    }

    /** rows x k features of inputs [from, from + rows) for directions ahat (k x D). */
    static double[] project(Inputs inputs, FeatureMap map, int from, int rows, double[] ahat, int k) {
        int dim = map.outputDimension();
        double[] h = new double[rows * k];
        if (map.isIdentity() && inputs.backing() != null && from == 0 && rows == inputs.n()) {
            Blas.gemm(false, true, rows, k, dim, 1.0, inputs.backing(), ahat, 0.0, h);
            return h;
        }
        int batch = SpectralOperator.BATCH;
        double[] x = new double[Math.min(batch, rows) * inputs.dim()];
        double[] z = new double[Math.min(batch, rows) * dim];
        double[] hb = new double[Math.min(batch, rows) * k];
        for (int b = 0; b < rows; b += batch) {
            int r = Math.min(batch, rows - b);
            inputs.rows(from + b, r, x);
            map.apply(x, r, z);
            Blas.gemm(false, true, r, k, dim, 1.0, z, ahat, 0.0, hb);
            System.arraycopy(hb, 0, h, b * k, r * k);
        }
        return h;
    }
}
