package cascade.engine.metrics;

import cascade.engine.linalg.Blas;

/**
 * Overlaps between planted first-layer directions A (p x D, orthonormal rows) and estimated ones
 * Ahat (k x D, orthonormal rows), SCIENCE.md 5.
 */
public final class Overlaps {

    private Overlaps() {
    }

    /** The p x k matrix of cosines A Ahat^T. */
    public static double[] cosines(double[] a, int p, double[] ahat, int k, int dim) {
        double[] c = new double[p * k];
        Blas.gemm(false, true, p, k, dim, 1.0, a, ahat, 0.0, c);
        return c;
    }

    /** ovA = (1/p) ||Ahat A^T||_F^2, in [0, 1]. */
    public static double subspace(double[] cos, int p) {
        double s = 0;
        for (double c : cos) {
            s += c * c;
        }
        return s / p;
    }

    /**
     * Per teacher direction j the squared cosine with the estimated direction matched to it by
     * Hungarian assignment maximising the total |cos|; 0 when j is left unmatched (k < p).
     */
    public static double[] matchedCos2(double[] cos, int p, int k) {
        double[] cost = new double[p * k];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = -Math.abs(cos[i]);
        }
        int[] match = Hungarian.assign(cost, p, k);
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            out[j] = match[j] < 0 ? 0.0 : cos[j * k + match[j]] * cos[j * k + match[j]];
        }
        return out;
    }

    /** Principal-angle cos^2: squared singular values of A Ahat^T, descending. */
    public static double[] principalCos2(double[] cos, int p, int k) {
        double[] s = Blas.singularValues(cos, p, k);
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i] * s[i];
        }
        return s;
    }

    /** #{ j : matched cos2_j > 0.5 }. */
    public static int recoveredRank(double[] matchedCos2) {
        int r = 0;
        for (double c : matchedCos2) {
            if (c > 0.5) {
                r++;
            }
        }
        return r;
    }

    /**
     * Feature overlap ovH = (1/p) sum of squared canonical correlations between the columns of
     * H (n x p, teacher features on test data) and Hhat (n x k, estimated features): the
     * rotation-invariant form of (1/p) ||Corr(Hhat, H)||_F^2, equal to it when both are whitened.
     * Computed as (1/p) tr(P_Hhat P_H) with P the projector on the centred column span.
     */
    public static double features(double[] h, int n, int p, double[] hhat, int k) {
        double[] qh = orthonormalCenteredColumns(h, n, p);
        double[] qhat = orthonormalCenteredColumns(hhat, n, k);
        double[] m = new double[p * k];
        Blas.gemm(true, false, p, k, n, 1.0, qh, qhat, 0.0, m);
        double s = 0;
        for (double v : m) {
            s += v * v;
        }
        return s / p;
    }

    private static double[] orthonormalCenteredColumns(double[] x, int n, int cols) {
        double[] c = x.clone();
        for (int j = 0; j < cols; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += c[i * cols + j];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                c[i * cols + j] -= mean;
            }
        }
        Blas.orthonormalizeColumns(c, n, cols);
        return c;
    }
}
