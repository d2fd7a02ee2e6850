package cascade.engine.features;

/**
 * Degree-2 Hermite features z(x) in R^D, D = d(d+1)/2, pairs (i, j) with i <= j in row-major
 * order: z_ii = (x_i^2 - 1)/sqrt(2), z_ij = x_i x_j. Every coordinate has unit variance and
 * E[z z^T] = I_D for x ~ N(0, I_d) (SCIENCE.md 2).
 */
public final class Hermite2 implements FeatureMap {

    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private final int d;

    public Hermite2(int d) {
        this.d = d;
    }

    @Override
    public int inputDimension() {
        return d;
    }

    @Override
    public int outputDimension() {
        return d * (d + 1) / 2;
    }

    @Override
    public void apply(double[] in, int rows, double[] out) {
        int dim = outputDimension();
        for (int r = 0; r < rows; r++) {
            int xo = r * d;
            int o = r * dim;
            for (int i = 0; i < d; i++) {
                double xi = in[xo + i];
                out[o++] = (xi * xi - 1) * INV_SQRT2;
                for (int j = i + 1; j < d; j++) {
                    out[o++] = xi * in[xo + j];
                }
            }
        }
    }

    /** flat(A) of a symmetric d x d matrix (row-major): A_ii, then sqrt(2) A_ij for i < j. */
    public static double[] flat(double[] a, int d) {
        double[] f = new double[d * (d + 1) / 2];
        int o = 0;
        for (int i = 0; i < d; i++) {
            f[o++] = a[i * d + i];
            for (int j = i + 1; j < d; j++) {
                f[o++] = Math.sqrt(2) * a[i * d + j];
            }
        }
        return f;
    }

    /** The inverse of {@link #flat}: a symmetric d x d matrix. */
    public static double[] unflat(double[] f, int d) {
        double[] a = new double[d * d];
        int o = 0;
        for (int i = 0; i < d; i++) {
            a[i * d + i] = f[o++];
            for (int j = i + 1; j < d; j++) {
                a[i * d + j] = f[o] / Math.sqrt(2);
                a[j * d + i] = f[o++] / Math.sqrt(2);
            }
        }
        return a;
    }
}
