package cascade.engine.teacher;

import cascade.engine.features.FeatureMap;
import cascade.engine.random.Streams;
import cascade.engine.spec.SightTeacher;
import org.jspecify.annotations.Nullable;

/**
 * SIGHT teacher (IdePHICS/ComputationalDepth): h(x) = p^-1/2 sum_j s_j sigma1(w_j . x) with
 * orthonormal w_j (p = d_eff = d^eps), sigma1 = He2/2 + He3/6 (or He2/2), y = tanh(3 h) (or h),
 * plus optional label noise inside the link.
 */
public final class SightModel implements Teacher {

    private final SightTeacher spec;
    private final double[] w;     // p x d, orthonormal rows
    private final double[] signs; // p
    private final long seed;

    SightModel(SightTeacher spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        this.w = PlantedTeacher.orthonormalRows(Streams.provider(seed, "teacher.W"), spec.p(), spec.d());
        this.signs = new double[spec.p()];
        var rng = Streams.provider(seed, "teacher.signs");
        for (int j = 0; j < spec.p(); j++) {
            signs[j] = rng.nextBoolean() ? 1 : -1;
        }
    }

    @Override
    public int inputDimension() {
        return spec.d();
    }

    @Override
    public Sample sample(String stream, int n) {
        int d = spec.d();
        int p = spec.p();
        double[] x = new double[n * d];
        Streams.normals(seed, Streams.stream(stream), 0, n, d, x);
        long noiseId = Streams.stream(stream + ".noise");
        double[] y = new double[n];
        boolean he3 = spec.sigma1().equals("he2+he3");
        for (int r = 0; r < n; r++) {
            double h = 0;
            for (int j = 0; j < p; j++) {
                double u = 0;
                for (int i = 0; i < d; i++) {
                    u += w[j * d + i] * x[r * d + i];
                }
                double sigma = (u * u - 1) / 2 + (he3 ? (u * u * u - 3 * u) / 6 : 0);
                h += signs[j] * sigma;
            }
            h /= Math.sqrt(p);
            if (spec.noise() > 0) {
                h += spec.noise() * Streams.normals(Streams.rowGenerator(seed, noiseId, r), 1)[0];
            }
            y[r] = spec.link().equals("tanh3") ? Math.tanh(3 * h) : h;
        }
        return new Sample(x, n, d, y);
    }

    @Override
    public double @Nullable [] directions() {
        return null;
    }

    @Override
    public int planted() {
        return 0;
    }

    @Override
    public FeatureMap featureMap() {
        return FeatureMap.hermite(spec.d(), 2);
    }
}
