package cascade.engine.lofi;

/**
 * The arc-cosine kernel of order 1 (Cho and Saul 2009) as the infinite-width limit of a ReLU layer
 * with the scaling of {@link RandomExpansion}: for w ~ N(0, I),
 * E_w[relu(w.h / c) relu(w.h' / c)] = (||h|| ||h'|| / c^2) J(t) / (2 pi), J(t) = sin t + (pi - t) cos t,
 * cos t = h.h' / (||h|| ||h'||). Cho and Saul's k_1 = (1/pi) ||h|| ||h'|| J is twice the expectation
 * at c = 1. Written on Gram entries: given s = h.h', a = ||h||^2, b = ||h'||^2 the value is
 * sqrt(a b) J(t) / (2 pi c^2) with cos t = s / sqrt(a b); on the diagonal a / (2 c^2).
 */
final class ArcCosine {

    private static final double INV_2PI = 1 / (2 * Math.PI);

    private ArcCosine() {
    }

    /** The kernel value for Gram entries s = h.h', a = h.h, b = h'.h', scaled by invC2 = 1/c^2. */
    static double value(double s, double a, double b, double invC2) {
        double rr = Math.sqrt(a * b);
        if (rr == 0) {
            return 0;
        }
        double cos = Math.max(-1, Math.min(1, s / rr));
        double t = Math.acos(cos);
        double sin = Math.sqrt(Math.max(0, 1 - cos * cos));
        return invC2 * rr * (sin + (Math.PI - t) * cos) * INV_2PI;
    }

    /**
     * Maps a block of Gram entries g (rows x cols, row-major: g_ij = h_i.h'_j) in place, with the
     * squared norms a (rows) and b (cols).
     */
    static void map(double[] g, int rows, int cols, double[] a, double[] b, double invC2) {
        for (int i = 0; i < rows; i++) {
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                g[off + j] = value(g[off + j], a[i], b[j], invC2);
            }
        }
    }
}
