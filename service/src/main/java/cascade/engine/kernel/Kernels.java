package cascade.engine.kernel;

import cascade.engine.linalg.Blas;

/**
 * Kernel matrices built with GEMM (SCIENCE.md 4 baselines). Inputs are row-major (rows x d).
 * rbf: exp(-||x - x'||^2 / (2 s^2)); polynomial: (1 + x.x'/d)^degree; quadratic:
 * (x.x'/d)^2 + x.x'/d + 1 (the x.x' of SCIENCE.md scaled by 1/d so entries stay O(1) for
 * x ~ N(0, I_d)); arccos: the degree-1 arc-cosine kernel of Cho and Saul (2009),
 * ||x|| ||x'|| (sin t + (pi - t) cos t) / (2 pi) scaled by 1/d, the P -> infinity limit of
 * ReLU random features with Gaussian weights of variance 1/d.
 */
final class Kernels {

    private Kernels() {
    }

    static double[] norms2(double[] x, int n, int d) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j < d; j++) {
                v += x[i * d + j] * x[i * d + j];
            }
            s[i] = v;
        }
        return s;
    }

    /** K (n x m) = kernel(a rows, b rows). */
    static double[] matrix(String kind, int degree, double bandwidth2, double[] a, int n, double[] b, int m, int d) {
        double[] k = new double[n * m];
        Blas.gemm(false, true, n, m, d, 1.0, a, b, 0.0, k);   // inner products
        switch (kind) {
            case "rbf" -> {
                double[] na = norms2(a, n, d);
                double[] nb = norms2(b, m, d);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        double dist = Math.max(0, na[i] + nb[j] - 2 * k[i * m + j]);
                        k[i * m + j] = Math.exp(-dist / (2 * bandwidth2));
                    }
                }
            }
            case "polynomial" -> {
                for (int i = 0; i < k.length; i++) {
                    k[i] = Math.pow(1 + k[i] / d, degree);
                }
            }
            case "quadratic" -> {
                for (int i = 0; i < k.length; i++) {
                    double u = k[i] / d;
                    k[i] = u * u + u + 1;
                }
            }
            case "arccos" -> {
                double[] na = norms2(a, n, d);
                double[] nb = norms2(b, m, d);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        k[i * m + j] = arccos1(k[i * m + j], Math.sqrt(na[i] * nb[j])) / d;
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown kernel " + kind);
        }
        return k;
    }

    /** Degree-1 arc-cosine kernel from the inner product and the product of norms. */
    static double arccos1(double dot, double normProduct) {
        if (normProduct == 0) {
            return 0;
        }
        double c = Math.max(-1, Math.min(1, dot / normProduct));
        double t = Math.acos(c);
        return normProduct * (Math.sin(t) + (Math.PI - t) * c) / (2 * Math.PI);
    }

    /**
     * Median heuristic: s^2 = median of pairwise squared distances / 2, over the first
     * min(n, 1000) rows (deterministic: no sampling).
     */
    static double medianBandwidth2(double[] x, int n, int d) {
        int m = Math.min(n, 1000);
        double[] nx = norms2(x, m, d);
        double[] g = new double[m * m];
        Blas.gemm(false, true, m, m, d, 1.0, x, x, 0.0, g);
        double[] dist = new double[m * (m - 1) / 2];
        int o = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                dist[o++] = Math.max(0, nx[i] + nx[j] - 2 * g[i * m + j]);
            }
        }
        if (dist.length == 0) {
            return 1.0;
        }
        java.util.Arrays.sort(dist);
        double median = dist[dist.length / 2];
        return median > 0 ? median / 2 : 1.0;
    }
}
