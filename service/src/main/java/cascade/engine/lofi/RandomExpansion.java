package cascade.engine.lofi;

import cascade.engine.Inputs;
import cascade.engine.kernel.ActivationFunction;
import cascade.engine.linalg.Blas;
import cascade.engine.random.Streams;
import org.jspecify.annotations.Nullable;

/**
 * One random layer of Neural LoFi (SCIENCE.md 4): Z = act(h W / c) / sqrt(P), W Gaussian
 * (fanIn x P, row-major) from {@code Streams.provider(seed, "neural-lofi.layer<l>")}, c the RMS row
 * norm of the training h (the same c for test rows), optionally minus a fixed row vector (the
 * training column means, centred mode). With the 1/sqrt(P), Z Z^T is the empirical kernel
 * (1/P) sum_p act(.) act(.), whose P -> infinity limit is {@link ArcCosine} for ReLU.
 */
final class RandomExpansion {

    private final int fanIn;
    private final int width;
    private final ActivationFunction act;
    private final double invC;
    private final double[] w;
    private double @Nullable [] shift;

    RandomExpansion(int fanIn, int width, ActivationFunction act, double c, long seed, int layer) {
        this.fanIn = fanIn;
        this.width = width;
        this.act = act;
        this.invC = c > 0 ? 1 / c : 1;
        this.w = Streams.normals(Streams.provider(seed, "neural-lofi.layer" + layer), Math.multiplyExact(fanIn, width));
    }

    /** c = sqrt((1/n) sum_i ||h_i||^2) of the training representation (n x dim, streamed). */
    static double rmsRowNorm(Inputs h) {
        int n = h.n();
        int dim = h.dim();
        int rows = blockRows(n, dim);
        double[] buf = new double[rows * dim];
        double s = 0;
        for (int from = 0; from < n; from += rows) {
            int count = Math.min(rows, n - from);
            h.rows(from, count, buf);
            for (int i = 0; i < count * dim; i++) {
                s += buf[i] * buf[i];
            }
        }
        return Math.sqrt(s / n);
    }

    static int blockRows(int n, int dim) {
        return Math.max(1, Math.min(Math.max(n, 1), (1 << 21) / Math.max(dim, 1)));
    }

    int width() {
        return width;
    }

    double[] weights() {
        return w;
    }

    double invC() {
        return invC;
    }

    /** Subtracts this row (length P) from every feature row from now on (centred mode). */
    void centre(double[] columnMeans) {
        this.shift = columnMeans.clone();
    }

    /** Z for rows [from, from + count) of h, into out (count x P); in is a scratch buffer (count x fanIn). */
    void apply(double[] in, int count, double[] out) {
        Blas.gemm(false, false, count, width, fanIn, invC, in, w, 0.0, out);
        int len = count * width;
        act.applyInPlace(out, len);
        double z = 1 / Math.sqrt(width);
        for (int i = 0; i < len; i++) {
            out[i] *= z;
        }
        if (shift != null) {
            for (int r = 0; r < count; r++) {
                int off = r * width;
                for (int j = 0; j < width; j++) {
                    out[off + j] -= shift[j];
                }
            }
        }
    }

    /** The features of h as inputs of dimension P, computed block by block on demand. */
    Inputs map(Inputs h) {
        if (h.dim() != fanIn) {
            throw new IllegalArgumentException("representation has dim " + h.dim() + ", layer expects " + fanIn);
        }
        return new Inputs() {
            private double[] in = new double[0];

            @Override
            public int n() {
                return h.n();
            }

            @Override
            public int dim() {
                return width;
            }

            @Override
            public void rows(int from, int count, double[] out) {
                if (count == 0) {
                    return;
                }
                if (in.length < count * fanIn) {
                    in = new double[count * fanIn];
                }
                h.rows(from, count, in);
                apply(in, count, out);
            }
        };
    }
}
