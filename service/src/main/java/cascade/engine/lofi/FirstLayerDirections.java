package cascade.engine.lofi;

import cascade.engine.features.FeatureMap;
import cascade.engine.features.Hermite2;
import cascade.engine.kernel.ActivationFunction;
import cascade.engine.linalg.Blas;
import org.jspecify.annotations.Nullable;

/**
 * The first layer's kept subspace as directions in the teacher's feature space, so the Engine can
 * measure cos2, overlapA, overlapH and the recovered rank as it does for the spectral estimators.
 *
 * Definition. A kept first-layer feature is h_k(x) = sum_p V_pk act(a_p . x + b_p) / sqrt(P) on the
 * raw input x, where a_p = W_p / (sd c) and b_p = -W_p . (mean / sd) / c fold in the input
 * standardisation and the layer scale c (centring only adds a constant). Its direction is its
 * orthogonal projection onto the feature space z(x) of the fitting model (E[z z^T] = I, so the
 * coordinates are E[z h_k]):
 * - Hermite degree 2 (x ~ N(0, I_d)): by Stein's lemma twice,
 *   E[f(a.x + b) (x^T A x - tr A) / sqrt 2] = E[f''(g)] a^T A a / sqrt 2, g ~ N(b, |a|^2); so the
 *   projection is flat(M_k) with M_k = sum_p V_pk kappa2_p a_p a_p^T / sqrt(2 P), kappa2 = E[act''(g)].
 * - gaussian-equivalent inputs (the features are the inputs z): E[f(a.z + b) z] = E[f'(g)] a, so the
 *   projection is sum_p V_pk kappa1_p a_p / sqrt(P), kappa1 = E[act'(g)].
 * kappa1 = E[f(g) t] / s and kappa2 = E[f(g) (t^2 - 1)] / s^2 (g = b + s t, t ~ N(0, 1), Gaussian
 * integration by parts; no derivative of the activation needed), by composite Simpson's rule on
 * t in [-10, 10] with 4000 intervals. The K projections are orthonormalised (thin QR): the
 * directions are an orthonormal basis of the degree-2 (or linear) part of the kept subspace.
 * Other feature maps (Hermite degree 3) give no directions.
 */
final class FirstLayerDirections {

    private static final int INTERVALS = 4000;
    private static final double RANGE = 10;

    private FirstLayerDirections() {
    }

    /**
     * @param v kept eigenvectors as rows (K x P)
     * @return orthonormal rows (K x D, flat convention), or null when the map is not supported
     */
    static double @Nullable [] of(FeatureMap map, Standardized s, RandomExpansion e, ActivationFunction act,
            double[] v, int k) {
        int d = s.dim();
        int p = e.width();
        boolean linear = map.isIdentity();
        if (map.inputDimension() != d || !(linear || map instanceof Hermite2)) {
            return null;
        }
        int dim = map.outputDimension();
        if (k > dim) {
            return null;
        }
        double[] w = e.weights();                                   // d x P
        double[] a = new double[p * d];                             // row p: a_p
        double[] kappa = new double[p];
        for (int q = 0; q < p; q++) {
            double b = 0;
            double norm = 0;
            for (int i = 0; i < d; i++) {
                double ai = w[i * p + q] * s.inverseSd()[i] * e.invC();
                a[q * d + i] = ai;
                b -= ai * s.mean()[i];
                norm += ai * ai;
            }
            kappa[q] = coefficient(act, b, Math.sqrt(norm), linear ? 1 : 2);
        }
        double[] out = new double[k * dim];
        if (linear) {
            double[] coef = new double[k * p];
            for (int r = 0; r < k; r++) {
                for (int q = 0; q < p; q++) {
                    coef[r * p + q] = v[r * p + q] * kappa[q] / Math.sqrt(p);
                }
            }
            Blas.gemm(false, false, k, d, p, 1.0, coef, a, 0.0, out);
        } else {
            double[] scaled = new double[p * d];
            double[] m = new double[d * d];
            for (int r = 0; r < k; r++) {
                for (int q = 0; q < p; q++) {
                    double c = v[r * p + q] * kappa[q] / Math.sqrt(2.0 * p);
                    for (int i = 0; i < d; i++) {
                        scaled[q * d + i] = c * a[q * d + i];
                    }
                }
                Blas.gemm(true, false, d, d, p, 1.0, a, scaled, 0.0, m);
                System.arraycopy(Hermite2.flat(m, d), 0, out, r * dim, dim);
            }
        }
        return orthonormalRows(out, k, dim);
    }

    /** kappa1 = E[f(g) t]/s (order 1) or kappa2 = E[f(g)(t^2 - 1)]/s^2 (order 2), g = b + s t. */
    static double coefficient(ActivationFunction act, double b, double s, int order) {
        if (s == 0) {
            return 0;
        }
        double h = 2 * RANGE / INTERVALS;
        double sum = 0;
        for (int i = 0; i <= INTERVALS; i++) {
            double t = -RANGE + i * h;
            double weight = (i == 0 || i == INTERVALS) ? 1 : (i % 2 == 1 ? 4 : 2);
            double herm = order == 1 ? t : t * t - 1;
            sum += weight * act.apply(b + s * t) * herm * Math.exp(-0.5 * t * t);
        }
        double expectation = sum * h / 3 / Math.sqrt(2 * Math.PI);
        return order == 1 ? expectation / s : expectation / (s * s);
    }

    /** Orthonormal basis of the span of the rows of a (k x dim), by thin QR of its transpose. */
    static double[] orthonormalRows(double[] a, int k, int dim) {
        double[] t = new double[dim * k];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < dim; j++) {
                t[j * k + r] = a[r * dim + j];
            }
        }
        Blas.orthonormalizeColumns(t, dim, k);
        double[] out = new double[k * dim];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < dim; j++) {
                out[r * dim + j] = t[j * k + r];
            }
        }
        return out;
    }
}
