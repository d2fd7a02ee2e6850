package cascade.engine.kernel;

import cascade.engine.Inputs;
import cascade.engine.linalg.Blas;
import cascade.engine.random.Streams;

/**
 * A stack of random layers (SCIENCE.md 4, "lazy random features"): H_0 = x (n x d),
 * H_l = act(H_{l-1} W_l / c_l) (n x P), W_l Gaussian (fan_in x P, row-major), and the features
 * Z = H_depth / sqrt(P) so that Z Z^T is the empirical kernel (1/P) sum_p act(.)act(.).
 *
 * Scale: c_1 = sqrt(d), so layer 1 is exactly act(x W / sqrt(fan_in)); for standardised inputs
 * (||x||^2 ~ d) every pre-activation u = x.w / sqrt(d) is N(0, ||x||^2/d) ~ N(0, 1) over w, the
 * normalisation that relu-hermite's Hermite subtraction assumes. Deeper layers use
 * c_l = sqrt(P E[act(g)^2]) ({@link Activation#secondMoment()}), which keeps the pre-activations
 * unit-variance layer after layer (with c_l = sqrt(P) a ReLU stack would halve the variance per layer).
 * With ReLU and depth 1, Z Z^T tends to (||x|| ||x'|| / d) J_1(theta) / (2 pi) (Cho & Saul 2009),
 * the "arccos" kernel of {@link KernelFunction}.
 *
 * W_l comes from {@code Streams.provider(seed, "random-features.layer<l>")}: the same seed gives the
 * same layers, whatever else draws random numbers.
 */
final class RandomLayers {

    private final int inputDim;
    private final int width;
    private final Activation act;
    private final double[][] weights;
    private final double[] scales;

    RandomLayers(int inputDim, int width, int depth, Activation act, long seed) {
        if (depth < 1 || width < 1) {
            throw new IllegalArgumentException("depth and width must be positive");
        }
        this.inputDim = inputDim;
        this.width = width;
        this.act = act;
        this.weights = new double[depth][];
        this.scales = new double[depth];
        for (int l = 0; l < depth; l++) {
            int fanIn = l == 0 ? inputDim : width;
            weights[l] = Streams.normals(Streams.provider(seed, "random-features.layer" + (l + 1)),
                    Math.multiplyExact(fanIn, width));
            double m2 = l == 0 ? 1.0 : act.secondMoment();
            scales[l] = 1 / Math.sqrt(fanIn * m2);
        }
    }

    int width() {
        return width;
    }

    int depth() {
        return weights.length;
    }

    /** 1/c_l for each layer (the factor applied to H_{l-1} W_l). */
    double[] scales() {
        return scales.clone();
    }

    /** The features of {@code x} as inputs of dimension P, computed block by block on demand. */
    Inputs map(Inputs x) {
        if (x.dim() != inputDim) {
            throw new IllegalArgumentException("inputs have dim " + x.dim() + ", layers expect " + inputDim);
        }
        return new Mapped(x);
    }

    /** Z for rows of x, row-major count x P; scratch buffers are reused between calls (not thread-safe). */
    private final class Mapped implements Inputs {

        private final Inputs source;
        private double[] in = new double[0];
        private double[] a = new double[0];
        private double[] b = new double[0];

        Mapped(Inputs source) {
            this.source = source;
        }

        @Override
        public int n() {
            return source.n();
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
            int d = inputDim;
            in = ensure(in, (long) count * d);
            source.rows(from, count, in);
            double[] h = in;
            int fanIn = d;
            int depth = weights.length;
            for (int l = 0; l < depth; l++) {
                double[] target;
                if (l == depth - 1) {
                    target = out;
                } else {
                    if ((l & 1) == 0) {
                        a = ensure(a, (long) count * width);
                        target = a;
                    } else {
                        b = ensure(b, (long) count * width);
                        target = b;
                    }
                }
                // (count x fanIn) (fanIn x P) / c_l, then the activation.
                Blas.gemm(false, false, count, width, fanIn, scales[l], h, weights[l], 0.0, target);
                act.applyInPlace(target, count * width);
                h = target;
                fanIn = width;
            }
            double z = 1 / Math.sqrt(width);
            int len = count * width;
            for (int i = 0; i < len; i++) {
                out[i] *= z;
            }
        }
    }

    private static double[] ensure(double[] buf, long size) {
        return buf.length >= size ? buf : new double[Math.toIntExact(size)];
    }
}
