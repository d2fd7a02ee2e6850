package cascade.engine.teacher;

import cascade.engine.features.FeatureMap;
import cascade.engine.features.Hermite2;
import cascade.engine.linalg.Blas;
import cascade.engine.random.Streams;
import cascade.engine.spec.HierarchicalTeacher;
import cascade.engine.spec.InputMode;
import cascade.engine.spec.Link;
import cascade.engine.spec.SecondLayer;
import cascade.engine.spec.ThreeLevelTeacher;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * Hierarchical teachers with planted first-layer directions (SCIENCE.md 3). Two-level:
 * h = A_flat z (p latent features, z the degree-q Hermite features of x, or z ~ N(0, I_D)
 * directly in gaussian-equivalent mode), s = h^T B h - tr B, y = g(s + noise). Three-level: the
 * two-level construction applied again to the degree-2 features of h1, with dense B.
 *
 * <p>A_flat has orthonormal rows: flat((G + G^T)/2) of a GOE-like matrix is an isotropic Gaussian
 * vector in R^D, so Gram-Schmidt in the Frobenius product equals QR of a Gaussian D x p matrix.
 */
public final class PlantedTeacher implements Teacher {

    /**
     * Labels are computed in GEMMs of exactly BATCH rows (the last batch padded), so a row's label
     * is bit-identical whatever n it is drawn with: BLAS results depend on the call's shape.
     */
    static final int BATCH = 512;

    private final InputMode input;
    private final int dim;
    private final FeatureMap features;
    private final int p;
    private final double[] a;            // p x D, orthonormal rows
    private final @Nullable Layer inner; // three-level: h2 = A2 z2(h1), p2 x D2
    private final double[] b;            // second layer, m x m with m = p (two-level) or p2
    private final int m;
    private final double traceB;
    private final Link link;
    private final double noise;
    private final long seed;

    private record Layer(FeatureMap features, int p, double[] a) {
    }

    private PlantedTeacher(InputMode input, int dim, FeatureMap features, int p, double[] a, @Nullable Layer inner,
            double[] b, int m, Link link, double noise, long seed) {
        this.input = input;
        this.dim = dim;
        this.features = features;
        this.p = p;
        this.a = a;
        this.inner = inner;
        this.b = b;
        this.m = m;
        double tr = 0;
        for (int i = 0; i < m; i++) {
            tr += b[i * m + i];
        }
        this.traceB = tr;
        this.link = link;
        this.noise = noise;
        this.seed = seed;
    }

    static PlantedTeacher hierarchical(HierarchicalTeacher spec, long seed) {
        FeatureMap map = spec.input() == InputMode.HERMITE ? FeatureMap.hermite(spec.d(), spec.q())
                : FeatureMap.identity(spec.features());
        int features = map.outputDimension();
        double[] a = orthonormalRows(Streams.provider(seed, "teacher.A"), spec.p(), features);
        double[] b = switch (spec.secondLayer()) {
            case SecondLayer.PowerLaw pl -> powerLaw(Streams.provider(seed, "teacher.signs"), spec.p(), pl.gamma());
            case SecondLayer.Dense dense -> goe(Streams.provider(seed, "teacher.B"), spec.p(), dense.frobenius());
        };
        return new PlantedTeacher(spec.input(), map.inputDimension(), map, spec.p(), a, null, b, spec.p(),
                spec.link(), spec.noise(), seed);
    }

    static PlantedTeacher threeLevel(ThreeLevelTeacher spec, long seed) {
        FeatureMap map = spec.input() == InputMode.HERMITE ? FeatureMap.hermite(spec.d(), 2)
                : FeatureMap.identity(spec.features());
        double[] a1 = orthonormalRows(Streams.provider(seed, "teacher.A"), spec.p1(), map.outputDimension());
        Hermite2 second = new Hermite2(spec.p1());
        double[] a2 = orthonormalRows(Streams.provider(seed, "teacher.A2"), spec.p2(), second.outputDimension());
        double[] b = goe(Streams.provider(seed, "teacher.B"), spec.p2(), 1.0);
        return new PlantedTeacher(spec.input(), map.inputDimension(), map, spec.p1(), a1,
                new Layer(second, spec.p2(), a2), b, spec.p2(), Link.IDENTITY, spec.noise(), seed);
    }

    @Override
    public int inputDimension() {
        return dim;
    }

    @Override
    public double[] directions() {
        return a.clone();
    }

    @Override
    public int planted() {
        return p;
    }

    @Override
    public FeatureMap featureMap() {
        return features;
    }

    @Override
    public Sample sample(String stream, int n) {
        double[] x = new double[n * dim];
        double[] y = new double[n];
        long id = Streams.stream(stream);
        long noiseId = Streams.stream(stream + ".noise");
        int fdim = features.outputDimension();
        double[] z = new double[BATCH * fdim];
        double[] h = new double[BATCH * p];
        double[] xb = new double[BATCH * dim];
        for (int from = 0; from < n; from += BATCH) {
            int rows = Math.min(BATCH, n - from);
            Streams.normals(seed, id, from, rows, dim, xb);
            System.arraycopy(xb, 0, x, from * dim, rows * dim);
            features.apply(xb, rows, z);
            Blas.gemm(false, true, BATCH, p, fdim, 1.0, z, a, 0.0, h);
            double[] top = inner == null ? h : innerLayer(h, BATCH);
            for (int r = 0; r < rows; r++) {
                double s = quadratic(top, r * m) - traceB;
                if (noise > 0) {
                    s += noise * Streams.normals(Streams.rowGenerator(seed, noiseId, from + r), 1)[0];
                }
                y[from + r] = link.apply(s);
            }
        }
        return new Sample(x, n, dim, y);
    }

    /** Three-level: h2 = A2 z2(h1) for the batch's h1 (rows x p1). */
    private double[] innerLayer(double[] h1, int rows) {
        int d2 = inner.features().outputDimension();
        double[] z2 = new double[rows * d2];
        inner.features().apply(h1, rows, z2);
        double[] h2 = new double[rows * inner.p()];
        Blas.gemm(false, true, rows, inner.p(), d2, 1.0, z2, inner.a(), 0.0, h2);
        return h2;
    }

    /** The planted latent features h = A_flat z of inputs x (rows x dim): rows x p. */
    public double[] latent(double[] x, int rows) {
        int fdim = features.outputDimension();
        double[] z = new double[rows * fdim];
        features.apply(x, rows, z);
        double[] h = new double[rows * p];
        Blas.gemm(false, true, rows, p, fdim, 1.0, z, a, 0.0, h);
        return h;
    }

    private double quadratic(double[] h, int off) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            double hi = h[off + i];
            double row = 0;
            for (int j = 0; j < m; j++) {
                row += b[i * m + j] * h[off + j];
            }
            s += hi * row;
        }
        return s;
    }

    /** p x dim with orthonormal rows: QR of a Gaussian dim x p matrix, transposed. */
    static double[] orthonormalRows(UniformRandomProvider rng, int p, int dim) {
        double[] g = Streams.normals(rng, dim * p);
        Blas.orthonormalizeColumns(g, dim, p);
        double[] rows = new double[p * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < p; j++) {
                rows[j * dim + i] = g[i * p + j];
            }
        }
        return rows;
    }

    /** Diagonal b_j = s_j j^-gamma with random signs s_j (SCIENCE.md 3). */
    static double[] powerLaw(UniformRandomProvider rng, int p, double gamma) {
        double[] b = new double[p * p];
        for (int j = 0; j < p; j++) {
            b[j * p + j] = (rng.nextBoolean() ? 1 : -1) * Math.pow(j + 1, -gamma);
        }
        return b;
    }

    /** GOE-like symmetric (G + G^T)/2 scaled to Frobenius norm {@code norm}. */
    static double[] goe(UniformRandomProvider rng, int p, double norm) {
        double[] g = Streams.normals(rng, p * p);
        double[] b = new double[p * p];
        double f = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                b[i * p + j] = (g[i * p + j] + g[j * p + i]) / 2;
                f += b[i * p + j] * b[i * p + j];
            }
        }
        double scale = norm / Math.sqrt(f);
        for (int i = 0; i < b.length; i++) {
            b[i] *= scale;
        }
        return b;
    }
}
