package cascade.engine.kernel;

import cascade.engine.linalg.Blas;
import cascade.engine.linalg.KernelBlas;
import java.util.Arrays;
import java.util.Map;

/**
 * The kernels of the kernel-ridge baseline (SCIENCE.md 4), all functions of g = x.x', ||x||^2 and
 * ||x'||^2, so every kernel block is one GEMM (or SYRK) plus an elementwise map. d = input dimension.
 * - rbf:        exp(-||x - x'||^2 / (2 s^2)), ||x - x'||^2 = ||x||^2 + ||x'||^2 - 2 g (clamped at 0);
 *               s^2 by the median heuristic: s^2 = H/2 with H the median of the squared distances
 *               ||x_i - x_j||^2 over all pairs i < j of the first min(n, 1000) training rows (the
 *               mean of the two middle values for an even count), as in Garreau, Jitkrittum and
 *               Kanagawa (2017, "Large sample analysis of the median heuristic"); so the kernel is
 *               exp(-||x - x'||^2 / H). H = 0 (repeated rows) falls back to the mean squared
 *               distance, then to d.
 * - polynomial: (1 + g/d)^degree.
 * - quadratic:  u^2 + u + 1 with u = g/d. SCIENCE.md writes (x.x')^2 + x.x' + 1 without a scale;
 *               we divide by d as the polynomial kernel does, so that for standardised inputs the
 *               diagonal is O(1) (about 3) and one ridge lambda means the same across kernels.
 * - arccos:     the arc-cosine kernel of Cho and Saul (2009) of order degree (1 by default, 2
 *               supported), written as the infinite-width limit of act(x W / sqrt(d)) features with
 *               act = ReLU^degree and W standard Gaussian:
 *               E_w[relu(w.x/sqrt d)^n relu(w.x'/sqrt d)^n] = (||x|| ||x'|| / d)^n J_n(theta) / (2 pi),
 *               cos theta = g / (||x|| ||x'||), J_1 = sin t + (pi - t) cos t,
 *               J_2 = 3 sin t cos t + (pi - t)(1 + 2 cos^2 t). Cho and Saul's k_n = (1/pi) ||x||^n
 *               ||x'||^n J_n is twice the expectation; the norms enter through ||x||/sqrt(d), so
 *               k(x, x) ~ 1/2 (order 1) for standardised inputs, the same kernel as
 *               {@link RandomLayers} with ReLU and depth 1 at infinite width.
 */
final class KernelFunction {

    enum Kind {
        RBF, POLYNOMIAL, QUADRATIC, ARCCOS
    }

    /** Rows of the deterministic subsample used by the median heuristic. */
    static final int MEDIAN_SUBSAMPLE = 1000;

    private final Kind kind;
    private final int degree;
    private final int d;
    private final double medianSquaredDistance;
    private final double invTwoS2;

    private KernelFunction(Kind kind, int degree, int d, double medianSquaredDistance) {
        this.kind = kind;
        this.degree = degree;
        this.d = d;
        this.medianSquaredDistance = medianSquaredDistance;
        this.invTwoS2 = kind == Kind.RBF ? 1 / medianSquaredDistance : 0;
    }

    /** The kernel of {@code spec} for training inputs x (n x d, row-major); rbf reads x for its bandwidth. */
    static KernelFunction of(KernelRidgeSpec.Kernel spec, double[] x, int n, int d) {
        return switch (spec.kind()) {
            case "rbf" -> rbf(x, n, d);
            case "polynomial" -> new KernelFunction(Kind.POLYNOMIAL, spec.degree(), d, Double.NaN);
            case "quadratic" -> new KernelFunction(Kind.QUADRATIC, 2, d, Double.NaN);
            case "arccos" -> {
                int order = spec.degree() == 0 ? 1 : spec.degree();
                if (order < 1 || order > 2) {
                    throw new IllegalArgumentException("arccos kernel supports degree 1 or 2, not " + spec.degree());
                }
                yield new KernelFunction(Kind.ARCCOS, order, d, Double.NaN);
            }
            default -> throw new IllegalArgumentException("unknown kernel '" + spec.kind() + "'");
        };
    }

    /** RBF with the median-heuristic bandwidth of x (n x d). */
    static KernelFunction rbf(double[] x, int n, int d) {
        return new KernelFunction(Kind.RBF, 0, d, medianHeuristic(x, n, d));
    }

    /** H = median squared pairwise distance over the first min(n, 1000) rows (see class comment). */
    static double medianHeuristic(double[] x, int n, int d) {
        int m = Math.min(n, MEDIAN_SUBSAMPLE);
        if (m < 2) {
            return Math.max(1, d);
        }
        double[] sq = squaredNorms(x, m, d);
        double[] g = new double[m * m];
        KernelBlas.syrkRowsUpper(m, d, 1.0, x, 0.0, g);
        double[] dist = new double[m * (m - 1) / 2];
        int c = 0;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double v = Math.max(0, sq[i] + sq[j] - 2 * g[i * m + j]);
                dist[c++] = v;
                sum += v;
            }
        }
        Arrays.sort(dist);
        int k = dist.length;
        double median = (k % 2 == 1) ? dist[k / 2] : 0.5 * (dist[k / 2 - 1] + dist[k / 2]);
        if (median > 0) {
            return median;
        }
        return sum > 0 ? sum / k : Math.max(1, d);
    }

    Kind kind() {
        return kind;
    }

    /** Bandwidth s of the rbf kernel (s^2 = H/2), NaN for the others. */
    double bandwidth() {
        return kind == Kind.RBF ? Math.sqrt(medianSquaredDistance / 2) : Double.NaN;
    }

    void describe(Map<String, Object> info) {
        info.put("kernel", switch (kind) {
            case RBF -> "rbf";
            case POLYNOMIAL -> "polynomial";
            case QUADRATIC -> "quadratic";
            case ARCCOS -> "arccos";
        });
        if (kind == Kind.POLYNOMIAL || kind == Kind.ARCCOS) {
            info.put("degree", degree);
        }
        if (kind == Kind.RBF) {
            info.put("bandwidth", bandwidth());
            info.put("medianSquaredDistance", medianSquaredDistance);
        }
    }

    static double[] squaredNorms(double[] x, int n, int d) {
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int off = i * d;
            for (int j = 0; j < d; j++) {
                s += x[off + j] * x[off + j];
            }
            sq[i] = s;
        }
        return sq;
    }

    /** The training kernel K (n x n, row-major, symmetric) of x (n x d) with squared norms sq. */
    double[] gram(double[] x, double[] sq, int n) {
        double[] k = new double[Math.multiplyExact(n, n)];
        KernelBlas.syrkRowsUpper(n, d, 1.0, x, 0.0, k);               // upper triangle of X X^T
        for (int i = 0; i < n; i++) {
            map(k, i * n + i, n - i, sq[i], sq, i);
        }
        KernelBlas.mirrorUpper(k, n);
        return k;
    }

    /**
     * Cross kernel (rows x n, row-major) between test rows xt (rows x d, squared norms sqt) and
     * training x (n x d, squared norms sq), written into out.
     */
    void cross(double[] xt, double[] sqt, int rows, double[] x, double[] sq, int n, double[] out) {
        Blas.gemm(false, true, rows, n, d, 1.0, xt, x, 0.0, out);       // Xt X^T
        for (int i = 0; i < rows; i++) {
            map(out, i * n, n, sqt[i], sq, 0);
        }
    }

    /** Maps g[off, off + len) = x_i.x_j (j = jFrom ..) to k(x_i, x_j), given ||x_i||^2 and sq[j]. */
    private void map(double[] g, int off, int len, double sqi, double[] sq, int jFrom) {
        switch (kind) {
            case RBF -> {
                for (int t = 0; t < len; t++) {
                    double dist = Math.max(0, sqi + sq[jFrom + t] - 2 * g[off + t]);
                    g[off + t] = Math.exp(-dist * invTwoS2);
                }
            }
            case POLYNOMIAL -> {
                double invD = 1.0 / d;
                for (int t = 0; t < len; t++) {
                    g[off + t] = intPow(1 + g[off + t] * invD, degree);
                }
            }
            case QUADRATIC -> {
                double invD = 1.0 / d;
                for (int t = 0; t < len; t++) {
                    double u = g[off + t] * invD;
                    g[off + t] = u * u + u + 1;
                }
            }
            case ARCCOS -> {
                double ri = Math.sqrt(sqi);
                double invD = 1.0 / d;
                double inv2Pi = 1 / (2 * Math.PI);
                for (int t = 0; t < len; t++) {
                    double rr = ri * Math.sqrt(sq[jFrom + t]);
                    if (rr == 0) {
                        g[off + t] = 0;
                        continue;
                    }
                    double cos = Math.max(-1, Math.min(1, g[off + t] / rr));
                    double theta = Math.acos(cos);
                    double sin = Math.sqrt(Math.max(0, 1 - cos * cos));
                    double scale = rr * invD;
                    g[off + t] = degree == 1
                            ? scale * (sin + (Math.PI - theta) * cos) * inv2Pi
                            : scale * scale * (3 * sin * cos + (Math.PI - theta) * (1 + 2 * cos * cos)) * inv2Pi;
                }
            }
        }
    }

    private static double intPow(double base, int exp) {
        double result = 1;
        double b = base;
        int e = exp;
        while (e > 0) {
            if ((e & 1) == 1) {
                result *= b;
            }
            b *= b;
            e >>= 1;
        }
        return result;
    }
}
