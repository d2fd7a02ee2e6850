package cascade.engine.features;

/**
 * Degree-3 Hermite features over i <= j <= k: the product of He_m(x_i) over the distinct indices
 * with multiplicity m, divided by sqrt(prod m!) so every coordinate has unit variance
 * (SCIENCE.md 2): He3(x_i)/sqrt(6), He2(x_i) x_k / sqrt(2), x_i x_j x_k.
 */
public final class Hermite3 implements FeatureMap {

    private final int d;

    public Hermite3(int d) {
        this.d = d;
    }

    @Override
    public int inputDimension() {
        return d;
    }

    @Override
    public int outputDimension() {
        return d * (d + 1) * (d + 2) / 6;
    }

    @Override
    public void apply(double[] in, int rows, double[] out) {
        int dim = outputDimension();
        double s2 = 1 / Math.sqrt(2);
        double s6 = 1 / Math.sqrt(6);
        for (int r = 0; r < rows; r++) {
            int xo = r * d;
            int o = r * dim;
            for (int i = 0; i < d; i++) {
                double xi = in[xo + i];
                for (int j = i; j < d; j++) {
                    double xj = in[xo + j];
                    for (int k = j; k < d; k++) {
                        double xk = in[xo + k];
                        double v;
                        if (i == j && j == k) {
                            v = (xi * xi * xi - 3 * xi) * s6;
                        } else if (i == j) {
                            v = (xi * xi - 1) * xk * s2;
                        } else if (j == k) {
                            v = (xj * xj - 1) * xi * s2;
                        } else {
                            v = xi * xj * xk;
                        }
                        out[o++] = v;
                    }
                }
            }
        }
    }
}
