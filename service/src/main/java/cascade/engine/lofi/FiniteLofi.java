package cascade.engine.lofi;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.features.FeatureMap;
import cascade.engine.kernel.ActivationFunction;
import cascade.engine.kernel.RidgeReadout;
import cascade.engine.linalg.Blas;
import cascade.engine.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Neural LoFi at finite width (P2; SCIENCE.md 4). Starting from the standardised input h_0, layer l:
 * 1. Z = act(h W_l / c_l) / sqrt(P_l) ({@link RandomExpansion}), c_l the RMS row norm of the training h;
 * 2. if the layer reduces: C = (1/n) Z^T diag(y) Z (P x P), or in centred mode
 *    C = (1/n) (Z - 1 m^T)^T diag(y - ybar) (Z - 1 m^T) with m the training column means of Z;
 *    the K eigenvectors of largest |lambda| (LAPACK dsyevd), each with its largest-|entry|
 *    component positive, as V (P x K); h <- Z V (centred mode: (Z - 1 m^T) V). Test rows go
 *    through the same W, c, m and V.
 *    Without reduction h <- Z (plain random features, the usual last layer).
 * The readout is ridge with intercept on the last h ({@link RidgeReadout}: penalty lambda n, fixed or
 * exact leave-one-out).
 *
 * Cost and memory per reducing layer: one pass of n x fanIn x P flops for Z, n P^2 for C (two SYRKs),
 * a P x P eigendecomposition; memory 3 P^2 doubles plus n x K for the new h. Non-reducing layers
 * are streamed (Z recomputed per pass, never n x P at once, as random-features does).
 *
 * In the centred form sum_i (y_i - ybar) = 0, so C = S/n - m b^T - b m^T with S = sum w_i z_i z_i^T,
 * b = (1/n) sum w_i z_i, w = y - ybar: one pass over the rows.
 *
 * {@code split}: c, the column means and C of every layer come from the first half of the training
 * rows, the readout from the second half (all rows still pass through the layers).
 *
 * Info: limit, centered, split, layers [{layer, width, directions, activation, c, kept (eigenvalues of C
 * kept), top (top 32 by |lambda|), histogram}], readout form and ridge (ridge, ridgeSelection,
 * looMse, solver), trainUsed, capped (false). Estimate.spectrum: the first reducing layer's top
 * eigenvalues. Estimate.directions: the first layer's kept subspace projected onto the feature space
 * of the fitting model ({@link FirstLayerDirections}: degree-2 Hermite part, or linear part for
 * gaussian-equivalent inputs), when the first layer reduces and a feature map is given.
 */
public final class FiniteLofi implements Estimator {

    private final NeuralLofiSpec spec;
    private final long seed;
    private final @Nullable FeatureMap featureMap;

    /** Without a feature map: no directions (overlaps) are reported. */
    public FiniteLofi(NeuralLofiSpec spec, long seed) {
        this(spec, seed, null);
    }

    /**
     * @param featureMap the fitting model's feature space for the input format (never the teacher's
     *                   weights), in which the first layer's kept subspace is reported ({@link FirstLayerDirections})
     */
    public FiniteLofi(NeuralLofiSpec spec, long seed, @Nullable FeatureMap featureMap) {
        if (spec.kernelLimit()) {
            throw new IllegalArgumentException("FiniteLofi runs limit finite; use KernelLofi");
        }
        this.spec = spec;
        this.seed = seed;
        this.featureMap = featureMap;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        double[] y = train.y();
        refuseWhatDoesNotFit(n);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("limit", spec.limit());
        info.put("centered", spec.centered());
        control.progress(0.0, "standardise");
        Standardized s = Standardized.of(train.x(), n, test);
        Inputs h = Inputs.of(s.train(), n, s.dim());
        Inputs ht = Inputs.of(s.test(), s.nt(), s.dim());
        // With split, the layers see rows [0, half) and the readout rows [half, n).
        int half = spec.split() ? n / 2 : n;
        double[] yLayers = Arrays.copyOf(y, half);
        info.put("split", spec.split());
        List<Map<String, Object>> layers = new ArrayList<>();
        double[] spectrum = null;
        double[] directions = null;
        int k = 0;
        int count = spec.layers().size();
        for (int l = 0; l < count; l++) {
            NeuralLofiSpec.Layer layer = spec.layers().get(l);
            control.progress(0.9 * l / count, "layer " + (l + 1));
            double c = RandomExpansion.rmsRowNorm(Rows.range(h, 0, half));
            RandomExpansion expansion = new RandomExpansion(h.dim(), layer.width(),
                    ActivationFunction.of(layer.activation()), c, seed, l + 1);
            Map<String, Object> li = new LinkedHashMap<>();
            li.put("layer", l + 1);
            li.put("width", layer.width());
            li.put("directions", layer.directions());
            li.put("activation", layer.activation());
            li.put("c", c);
            control.checkpoint();
            if (!layer.reduces()) {
                h = expansion.map(h);
                ht = expansion.map(ht);
                layers.add(li);
                continue;
            }
            Reduction r = reduce(expansion, Rows.range(h, 0, half), yLayers, layer.directions(), spec.centered(),
                    control);
            li.put("kept", r.kept());
            li.put("top", r.top());
            if (spec.histogram() > 0) {
                li.put("histogram", LayerSpectrum.histogram(r.eig().values(), 1.0, spec.histogram()));
            }
            layers.add(li);
            if (spectrum == null) {
                spectrum = r.top();
                if (l == 0 && featureMap != null) {
                    directions = FirstLayerDirections.of(featureMap, s, expansion,
                            ActivationFunction.of(layer.activation()), r.v(), layer.directions());
                    k = directions == null ? 0 : layer.directions();
                }
            }
            h = project(expansion.map(h), r.v(), layer.directions(), control);
            ht = project(expansion.map(ht), r.v(), layer.directions(), control);
        }
        info.put("layers", layers);
        control.progress(0.9, "readout");
        RidgeReadout.Linear readout = spec.split()
                ? RidgeReadout.features(Rows.range(h, half, n), Arrays.copyOfRange(y, half, n), spec.ridge(), control)
                : RidgeReadout.features(h, y, spec.ridge(), control);
        readout.record(info);
        info.put("trainUsed", n);
        info.put("capped", false);
        double[] predictions = readout.predict(ht, control);
        control.progress(1.0, "done");
        return new Estimate(predictions, directions, k, spectrum, info);
    }

    /**
     * Refuses (before any work) a run whose largest dense matrices would not fit in 70% of the heap:
     * a reducing layer holds about 3 P^2 doubles (C, its eigenvectors, LAPACK's copy) plus dsyevd's
     * 2 P^2 native workspace; a dual readout (last width P > n) holds n x P features and 3 n^2.
     */
    void refuseWhatDoesNotFit(int n) {
        double budget = 0.7 * Runtime.getRuntime().maxMemory() / 8.0;
        double need = 0;
        for (NeuralLofiSpec.Layer layer : spec.layers()) {
            double p = layer.width();
            need = Math.max(need, layer.reduces() ? 5 * p * p : 0);
        }
        NeuralLofiSpec.Layer last = spec.layers().get(spec.layers().size() - 1);
        double readout = last.reduces() ? last.directions() : last.width();
        need = Math.max(need, readout <= n ? 3 * readout * readout : n * readout + 3.0 * n * n);
        if (need > budget) {
            throw new IllegalArgumentException(String.format(
                    "neural-lofi needs about %.1f GB for its dense matrices at n = %d, the heap allows %.1f GB; "
                            + "lower the widths or raise -Xmx", need * 8 / 1e9, n, budget * 8 / 1e9));
        }
    }

    /**
     * @param eig  eigendecomposition of C (P x P)
     * @param v    kept eigenvectors as rows (K x P, sign-fixed)
     * @param kept their eigenvalues, by decreasing |lambda|
     * @param top  top eigenvalues by |lambda|
     */
    record Reduction(SymmetricEigen eig, double[] v, double[] kept, double[] top) {
    }

    /**
     * Forms C for the features of h through {@code expansion} and keeps its top k eigenvectors. In
     * centred mode the expansion is told the column means, so later maps return centred features.
     */
    static Reduction reduce(RandomExpansion expansion, Inputs h, double[] y, int k, boolean centered,
            RunControl control) {
        int n = h.n();
        int p = expansion.width();
        Inputs z = expansion.map(h);
        double ybar = 0;
        if (centered) {
            for (double v : y) {
                ybar += v;
            }
            ybar /= n;
        }
        int rows = RandomExpansion.blockRows(n, p);
        double[] buf = new double[rows * p];
        double[] wb = new double[rows];
        double[] c = new double[p * p];
        double[] sum = new double[p];
        double[] wsum = new double[p];
        for (int from = 0; from < n; from += rows) {
            int count = Math.min(rows, n - from);
            z.rows(from, count, buf);
            for (int i = 0; i < count; i++) {
                wb[i] = y[from + i] - ybar;
            }
            Blas.weightedGram(count, p, buf, wb, 1.0 / n, 1.0, c);
            if (centered) {
                for (int i = 0; i < count; i++) {
                    int off = i * p;
                    double w = wb[i];
                    for (int j = 0; j < p; j++) {
                        sum[j] += buf[off + j];
                        wsum[j] += w * buf[off + j];
                    }
                }
            }
            control.checkpoint();
        }
        if (centered) {
            double[] m = new double[p];
            for (int j = 0; j < p; j++) {
                m[j] = sum[j] / n;
                wsum[j] /= n;
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    c[i * p + j] -= m[i] * wsum[j] + wsum[i] * m[j];
                }
            }
            expansion.centre(m);
        }
        SymmetricEigen eig = Blas.eigh(c, p);
        control.checkpoint();
        int[] idx = eig.topByMagnitude(k);
        return new Reduction(eig, eig.rows(idx), eig.valuesAt(idx), LayerSpectrum.top(eig, 1.0));
    }

    /** h V^T materialised: (n x P features, streamed) times the kept rows v (K x P) transposed. */
    static Inputs project(Inputs z, double[] v, int k, RunControl control) {
        int n = z.n();
        int p = z.dim();
        int rows = RandomExpansion.blockRows(n, p);
        double[] buf = new double[rows * p];
        double[] block = new double[rows * k];
        double[] out = new double[Math.multiplyExact(n, k)];
        for (int from = 0; from < n; from += rows) {
            int count = Math.min(rows, n - from);
            z.rows(from, count, buf);
            Blas.gemm(false, true, count, k, p, 1.0, buf, v, 0.0, block);
            System.arraycopy(block, 0, out, from * k, count * k);
            control.checkpoint();
        }
        return Inputs.of(out, n, k);
    }
}
