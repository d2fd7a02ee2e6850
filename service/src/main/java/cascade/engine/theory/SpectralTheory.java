package cascade.engine.theory;

import java.util.OptionalDouble;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Leading-order theory of the layer-wise spectral estimator on the Gaussian-equivalent
 * hierarchical teacher with identity link and power-law second layer b_j = j^-gamma
 * (SCIENCE.md 6). D features, p latent directions. Near threshold the finite-size curves are
 * smoothed; these formulas are the sharp limits.
 */
public final class SpectralTheory {

    private final int features;
    private final int p;
    private final double gamma;
    private final double[] beta2;

    public SpectralTheory(int features, int p, double gamma) {
        this.features = features;
        this.p = p;
        this.gamma = gamma;
        this.beta2 = new double[p];
        double h = harmonic(p, 2 * gamma);
        for (int j = 1; j <= p; j++) {
            beta2[j - 1] = Math.pow(j, -2 * gamma) / h;
        }
    }

    /** H_p(s) = sum_{i <= p} i^-s. */
    public static double harmonic(int p, double s) {
        double h = 0;
        for (int i = p; i >= 1; i--) {
            h += Math.pow(i, -s);
        }
        return h;
    }

    /** beta_j^2 = b_j^2 / sum_i b_i^2, j = 1..p. */
    public double beta2(int j) {
        return beta2[j - 1];
    }

    /** BBP threshold n_j = D / (2 beta_j^2) = (D/2) H_p(2 gamma) j^(2 gamma). */
    public double threshold(int j) {
        return features / (2 * beta2[j - 1]);
    }

    /** First-order cos^2 of direction j at n: 1 - (1 + 4 beta_j^2) n_j / n above threshold, 0 below. */
    public double cos2(int j, double n) {
        double nj = threshold(j);
        if (n <= nj) {
            return 0.0;
        }
        return Math.max(0.0, 1.0 - (1.0 + 4 * beta2[j - 1]) * nj / n);
    }

    /** The n where the first-order cos^2 of direction j reaches 1/2: 2 (1 + 4 beta_j^2) n_j. */
    public double crossing(int j) {
        return 2 * (1 + 4 * beta2[j - 1]) * threshold(j);
    }

    /** Surrogate test error NMSE(n) = sum_j beta_j^2 (1 - c_j^4), c_j^2 = cos2(j, n). */
    public double nmse(double n) {
        double s = 0;
        for (int j = 1; j <= p; j++) {
            double c2 = cos2(j, n);
            s += beta2[j - 1] * (1 - c2 * c2);
        }
        return s;
    }

    /** Asymptotic exponent -(1 - 1/(2 gamma)) for gamma > 1/2; none (no power-law decay) otherwise. */
    public OptionalDouble exponent() {
        return gamma > 0.5 ? OptionalDouble.of(-(1 - 1 / (2 * gamma))) : OptionalDouble.empty();
    }

    /** Least-squares log-log slope of the surrogate over [nMin, nMax] on 64 log-spaced points. */
    public double slope(double nMin, double nMax) {
        SimpleRegression reg = new SimpleRegression();
        for (int i = 0; i < 64; i++) {
            double n = nMin * Math.pow(nMax / nMin, i / 63.0);
            double v = nmse(n);
            if (v > 0) {
                reg.addData(Math.log(n), Math.log(v));
            }
        }
        return reg.getSlope();
    }

    /** Edge of the noise bulk of the first-layer operator, 2 sqrt(D/n). */
    public double bulkEdge(double n) {
        return 2 * Math.sqrt(features / n);
    }

    /**
     * Threshold of direction j in units of log_d n for q = 2: q + (1 - 2 gamma) eps + 2 gamma log_d j
     * for gamma < 1/2, q + 2 gamma log_d j for gamma > 1/2, q + eps for gamma = 0.
     */
    public static double alpha(int j, int d, double eps, double gamma, int q) {
        double logdj = Math.log(j) / Math.log(d);
        if (gamma == 0) {
            return q + eps;
        }
        return gamma < 0.5 ? q + (1 - 2 * gamma) * eps + 2 * gamma * logdj : q + 2 * gamma * logdj;
    }
}
