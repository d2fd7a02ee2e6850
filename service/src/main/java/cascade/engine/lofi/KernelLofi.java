package cascade.engine.lofi;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.kernel.RidgeReadout;
import cascade.engine.linalg.Blas;
import cascade.engine.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neural LoFi in the kernel (NNGP) limit P -> infinity (P2; SCIENCE.md 4), in sample space.
 *
 * Why it is the limit of {@link FiniteLofi}: with features Z (n x P, thin SVD Z = U S Q^T) and
 * G = Z Z^T = U S^2 U^T, the matrix Z^T D Z (D = diag(y)) is Q (S U^T D U S) Q^T, and
 * G^1/2 D G^1/2 = U (S U^T D U S) U^T: the same nonzero eigenvalues, so eig(C) = eig(G^1/2 D G^1/2)/n.
 * An eigenvector a of G^1/2 D G^1/2 (a = U b) maps to the eigenvector v = Q b of C, and the
 * projected training features are Z v = U S b = G^1/2 a; a test row z gives
 * z^T v = k^T U S^-1 b = k^T G^+1/2 a with k = Z z its cross kernel. As P grows, (1/P)-averaged
 * ReLU features converge to the arc-cosine kernel ({@link ArcCosine}), so G below is the P -> infinity
 * G of the finite model with the same c (RMS row norm of the training h). Centred mode uses
 * Gc = J G J (J = I - 11^T/n; the Gram of the centred features), y - ybar, and the matching centred
 * cross kernel k_c = k - r - mean(k) + mean(G) (r the row means of G).
 *
 * Per layer: G from the current representation; a reducing layer diagonalises G (dsyevd), forms
 * G^1/2 and M = G^1/2 D G^1/2 (two n^3 GEMMs), diagonalises M and keeps the K eigenvectors of
 * largest |lambda| (largest-|entry| component positive, in sample space: the finite model's sign
 * convention acts on P-space vectors, so signs can differ; the next ReLU layer's kernel does not
 * depend on them at infinite width); h = G^1/2 A (n x K), ht = K_t G^+1/2 A (eigenvalues of G below
 * 1e-12 max dropped). A non-reducing layer passes its kernel on. Readout: kernel ridge with
 * intercept on the last kernel (or linear kernel of the last h).
 *
 * Memory: about 8 n^2 doubles at the peak (G, its eigenvectors, G^1/2, diag(y) G^1/2, M, M's
 * eigenvectors, and dsyevd's 2 n^2 workspace) plus nt x n (n = 4000: about 1 GB); n is capped at maxTrain and further at what fits in 70% of the JVM heap, and
 * both caps are reported (info.trainUsed, info.capped, info.capReason).
 */
public final class KernelLofi implements Estimator {

    /** n x n doubles held at the peak of a reducing layer (6 on the heap, 2 of dsyevd's native workspace). */
    static final int PEAK_SQUARES = 8;

    private final NeuralLofiSpec spec;

    public KernelLofi(NeuralLofiSpec spec) {
        if (!spec.kernelLimit()) {
            throw new IllegalArgumentException("KernelLofi runs limit kernel; use FiniteLofi");
        }
        this.spec = spec;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("limit", spec.limit());
        info.put("centered", spec.centered());
        int used = trainCap(n, test.n(), spec.maxTrain(), PEAK_SQUARES, info);
        double[] y = Arrays.copyOf(train.y(), used);
        control.progress(0.0, "standardise");
        Standardized s = Standardized.of(train.x(), used, test);
        int nt = s.nt();
        KernelState state = KernelState.linear(s.train(), used, s.test(), nt, s.dim());
        control.checkpoint();
        List<Map<String, Object>> layers = new ArrayList<>();
        double[] spectrum = null;
        int count = spec.layers().size();
        for (int l = 0; l < count; l++) {
            NeuralLofiSpec.Layer layer = spec.layers().get(l);
            control.progress(0.9 * l / count, "layer " + (l + 1));
            double c2 = state.meanSquaredNorm();
            state = state.relu(c2 > 0 ? 1 / c2 : 1);
            Map<String, Object> li = new LinkedHashMap<>();
            li.put("layer", l + 1);
            li.put("directions", layer.directions());
            li.put("activation", layer.activation());
            li.put("c", Math.sqrt(c2));
            control.checkpoint();
            if (layer.reduces()) {
                Reduced r = reduce(state, y, layer.directions(), spec.centered(), control);
                li.put("kept", r.kept());
                li.put("top", r.top());
                if (spec.histogram() > 0) {
                    li.put("histogram", LayerSpectrum.histogram(r.values(), 1.0 / used, spec.histogram()));
                }
                if (spectrum == null) {
                    spectrum = r.top();
                }
                state = KernelState.linear(r.h(), used, r.ht(), nt, layer.directions());
            }
            layers.add(li);
        }
        info.put("layers", layers);
        control.progress(0.9, "readout");
        RidgeReadout.Kernel readout = RidgeReadout.kernel(state.g, used, y, spec.ridge(), control);
        readout.record(info);
        double[] predictions = readout.predict(state.kt, nt, used);
        control.progress(1.0, "done");
        return new Estimate(predictions, null, 0, spectrum, info);
    }

    /**
     * min(n, maxTrain), lowered further so {@code squares} n x n doubles plus the test cross kernel
     * fit in 70% of the JVM's maximum heap; records trainUsed, capped and the reason.
     */
    static int trainCap(int n, int nt, int maxTrain, int squares, Map<String, Object> info) {
        int used = Math.min(n, maxTrain);
        String reason = used < n ? "maxTrain" : null;
        double budget = 0.7 * Runtime.getRuntime().maxMemory() / 8.0;
        while (used > 10 && (double) squares * used * used + 2.0 * nt * used > budget) {
            used = (int) (used * 0.9);
            reason = "memory: " + squares + " n x n doubles and the test cross kernel must fit in 70% of the heap";
        }
        info.put("trainUsed", used);
        info.put("capped", used < n);
        if (reason != null && used < n) {
            info.put("capReason", reason);
        }
        return used;
    }

    /**
     * @param values all eigenvalues of G^1/2 D G^1/2 (ascending)
     * @param kept   kept eigenvalues of C (divided by n), by decreasing |lambda|
     * @param top    top eigenvalues of C by |lambda|
     * @param h      projected training features (n x K)
     * @param ht     projected test features (nt x K)
     */
    record Reduced(double[] values, double[] kept, double[] top, double[] h, double[] ht) {
    }

    /** One reducing layer in sample space (see the class comment); state's arrays are consumed. */
    static Reduced reduce(KernelState state, double[] y, int k, boolean centered, RunControl control) {
        int n = state.n;
        int nt = state.nt;
        double[] g = state.g;
        double[] kt = state.kt;
        double[] w = y.clone();
        if (centered) {
            double ybar = 0;
            for (double v : y) {
                ybar += v;
            }
            ybar /= n;
            for (int i = 0; i < n; i++) {
                w[i] -= ybar;
            }
            double[] r = new double[n];
            double grand = 0;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += g[i * n + j];
                }
                r[i] = sum / n;
                grand += sum;
            }
            grand /= (double) n * n;
            for (int i = 0; i < nt; i++) {
                double mi = 0;
                for (int j = 0; j < n; j++) {
                    mi += kt[i * n + j];
                }
                mi /= n;
                for (int j = 0; j < n; j++) {
                    kt[i * n + j] += grand - r[j] - mi;
                }
            }
            RidgeReadout.centre(g, n);
        }
        SymmetricEigen eg = Blas.eigh(g, n);
        control.checkpoint();
        double[] s = eg.values();
        double max = 0;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double tol = 1e-12 * max;
        double[] u = eg.vectors();                                  // n x n, eigenvector j in column j
        double[] us = new double[n * n];                            // U diag(sqrt s)
        double[] inv = new double[n];                               // 1/sqrt(s), 0 below tol
        for (int j = 0; j < n; j++) {
            inv[j] = s[j] > tol ? 1 / Math.sqrt(s[j]) : 0;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                us[i * n + j] = u[i * n + j] * Math.sqrt(Math.max(0, s[j]));
            }
        }
        double[] half = new double[n * n];                          // G^1/2 = U diag(sqrt s) U^T
        Blas.gemm(false, true, n, n, n, 1.0, us, u, 0.0, half);
        us = null;
        control.checkpoint();
        double[] dh = new double[n * n];                            // diag(w) G^1/2
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dh[i * n + j] = w[i] * half[i * n + j];
            }
        }
        double[] m = new double[n * n];                             // G^1/2 diag(w) G^1/2
        Blas.gemm(false, false, n, n, n, 1.0, half, dh, 0.0, m);
        dh = null;
        control.checkpoint();
        SymmetricEigen em = Blas.eigh(m, n);
        m = null;
        control.checkpoint();
        int[] idx = em.topByMagnitude(k);
        double[] a = em.rows(idx);                                  // K x n
        double[] kept = em.valuesAt(idx);
        for (int i = 0; i < kept.length; i++) {
            kept[i] /= n;
        }
        double[] h = new double[n * k];                             // G^1/2 A^T
        Blas.gemm(false, true, n, k, n, 1.0, half, a, 0.0, h);
        double[] t1 = new double[n * k];                            // diag(inv) U^T A^T
        Blas.gemm(true, true, n, k, n, 1.0, u, a, 0.0, t1);
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < k; c++) {
                t1[j * k + c] *= inv[j];
            }
        }
        double[] t2 = new double[n * k];                            // G^+1/2 A^T
        Blas.gemm(false, false, n, k, n, 1.0, u, t1, 0.0, t2);
        double[] ht = new double[nt * k];
        Blas.gemm(false, false, nt, k, n, 1.0, kt, t2, 0.0, ht);
        return new Reduced(em.values(), kept, LayerSpectrum.top(em, 1.0 / n), h, ht);
    }
}
