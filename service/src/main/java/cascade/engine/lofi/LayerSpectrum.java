package cascade.engine.lofi;

import cascade.engine.linalg.SymmetricEigen;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run records of one layer's signed-covariance spectrum (SCIENCE.md 5): the top eigenvalues
 * by |lambda| (at most {@link #TOP}), the eigenvalues kept, and a histogram of all of them
 * {edges (bins + 1), counts (bins)} over [min, max].
 */
final class LayerSpectrum {

    static final int TOP = 32;

    private LayerSpectrum() {
    }

    /** Top min(TOP, n) eigenvalues by decreasing |lambda|, scaled by {@code scale}. */
    static double[] top(SymmetricEigen eig, double scale) {
        double[] v = eig.valuesAt(eig.topByMagnitude(Math.min(TOP, eig.n())));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    static Map<String, Object> histogram(double[] values, double scale, int bins) {
        Map<String, Object> out = new LinkedHashMap<>();
        double[] v = Arrays.stream(values).map(x -> x * scale).sorted().toArray();
        double lo = v[0];
        double hi = v[v.length - 1];
        double width = (hi - lo) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + i * width;
        }
        int[] counts = new int[bins];
        for (double x : v) {
            int b = width == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((x - lo) / width));
            counts[b]++;
        }
        out.put("edges", edges);
        out.put("counts", counts);
        return out;
    }
}
