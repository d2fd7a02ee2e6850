package cascade.engine.spectral;

import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.features.FeatureMap;
import cascade.engine.random.Streams;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The edges of the noise bulk of M estimated from the data (SCIENCE.md 8, automatic choice of
 * the number of directions). The semicircle radius 2 sqrt(D/n) is only the D/n -> 0 limit: with
 * D/n of order 0.1 and skewed labels the bulk of (1/n) sum y z z^T is asymmetric and reaches well
 * beyond it. Permuting the labels keeps both the label distribution and the feature distribution
 * and destroys the planted structure, so the extreme eigenvalues of the permuted operator are a
 * draw of the bulk's edges; they are widened by 3% for the edge's fluctuation.
 */
final class NullEdges {

    static final double MARGIN = 1.03;

    private NullEdges() {
    }

    /** {upper edge > 0, lower edge < 0} of the bulk of M on samples [from, from + n). */
    static double[] estimate(Inputs inputs, FeatureMap map, double[] y, int from, int n, boolean single, long seed,
            RunControl control) {
        double[] permuted = y.clone();
        UniformRandomProvider rng = Streams.provider(seed, "spectral.null-permutation");
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = permuted[from + i];
            permuted[from + i] = permuted[from + j];
            permuted[from + j] = t;
        }
        SpectralOperator op = new SpectralOperator(inputs, map, permuted, from, n, single, control);
        Eigenpairs eig = TopEigen.compute(op, 8, 8, 60, 1e-4, seed + 17, control);
        double upper = 0;
        double lower = 0;
        for (double v : eig.values()) {
            upper = Math.max(upper, v);
            lower = Math.min(lower, v);
        }
        return new double[] {MARGIN * upper, MARGIN * lower};
    }
}
