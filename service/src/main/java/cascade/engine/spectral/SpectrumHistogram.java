package cascade.engine.spectral;

import cascade.engine.RunControl;
import cascade.engine.linalg.Blas;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Histogram of the whole spectrum of the first-layer operator (the bulk and its outliers,
 * SCIENCE.md 5), from a full LAPACK eigendecomposition of the dense operator: {edges (bins + 1),
 * counts (bins)} over [min, max] of the eigenvalues. Only for D up to {@link #MAX_DIM}; beyond that
 * the result says why it is absent.
 */
final class SpectrumHistogram {

    static final int MAX_DIM = 4000;

    private SpectrumHistogram() {
    }

    static Map<String, Object> of(SpectralOperator op, int bins, RunControl control) {
        Map<String, Object> out = new LinkedHashMap<>();
        int dim = op.dimension();
        if (dim > MAX_DIM) {
            out.put("note", "no histogram: D = " + dim + " is above " + MAX_DIM);
            return out;
        }
        double[] values = Blas.eigenvalues(op.dense(), dim);
        control.checkpoint();
        double lo = values[0];
        double hi = values[dim - 1];
        double width = (hi - lo) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + i * width;
        }
        int[] counts = new int[bins];
        for (double v : values) {
            int b = width == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((v - lo) / width));
            counts[b]++;
        }
        out.put("edges", edges);
        out.put("counts", counts);
        return out;
    }
}
