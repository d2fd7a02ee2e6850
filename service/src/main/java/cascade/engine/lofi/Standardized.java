package cascade.engine.lofi;

import cascade.engine.Inputs;

/**
 * The standardised input of SCIENCE.md 4 (Neural LoFi starts "from the standardised input"): every
 * column shifted and scaled by its training mean and standard deviation (a zero deviation leaves
 * the column unscaled); test inputs with the same training statistics. Arrays row-major, n x dim;
 * {@code mean} and {@code inverseSd} (dim) are the statistics applied.
 */
record Standardized(double[] train, int n, double[] test, int nt, int dim, double[] mean, double[] inverseSd) {

    static Standardized of(Inputs trainInputs, int used, Inputs testInputs) {
        int dim = trainInputs.dim();
        double[] x = new double[Math.multiplyExact(used, dim)];
        trainInputs.rows(0, used, x);
        double[] mean = new double[dim];
        double[] sq = new double[dim];
        for (int i = 0; i < used; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += x[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= used;
        }
        for (int i = 0; i < used; i++) {
            for (int j = 0; j < dim; j++) {
                double v = x[i * dim + j] - mean[j];
                sq[j] += v * v;
            }
        }
        double[] inv = new double[dim];
        for (int j = 0; j < dim; j++) {
            double sd = Math.sqrt(sq[j] / used);
            inv[j] = sd > 0 ? 1 / sd : 1;
        }
        apply(x, used, dim, mean, inv);
        int nt = testInputs.n();
        double[] t = testInputs.all();
        apply(t, nt, dim, mean, inv);
        return new Standardized(x, used, t, nt, dim, mean, inv);
    }

    private static void apply(double[] x, int rows, int dim, double[] mean, double[] inv) {
        for (int i = 0; i < rows; i++) {
            int off = i * dim;
            for (int j = 0; j < dim; j++) {
                x[off + j] = (x[off + j] - mean[j]) * inv[j];
            }
        }
    }
}
