package cascade.engine.lofi;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.kernel.RidgeReadout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep NNGP baseline (SCIENCE.md 4): the arc-cosine kernel ({@link ArcCosine}) composed depth
 * times, no reduction, then kernel ridge with intercept ({@link RidgeReadout#kernel}). It is the
 * infinite-width limit of random-features with ReLU and the same depth, with that estimator's
 * scaling (cascade.engine.kernel.RandomLayers): on the raw inputs, layer 1 sees x.x'/d (c^2 = d);
 * layer l > 1 divides the previous kernel by E[relu(g)^2] = 1/2 (c^2 = P/2 per unit of the 1/P
 * average), so every layer's pre-activations stay unit-variance.
 *
 * Memory: about 5 n^2 doubles (kernel, eigenvectors, dsyevd's 2 n^2 workspace for LOO) plus nt x n; n is capped
 * at maxTrain and at what fits in 70% of the heap, both reported (info.trainUsed, capped, capReason).
 */
public final class DeepNngp implements Estimator {

    private final DeepNngpSpec spec;

    public DeepNngp(DeepNngpSpec spec) {
        this.spec = spec;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        int d = train.x().dim();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("depth", spec.depth());
        int used = KernelLofi.trainCap(n, test.n(), spec.maxTrain(), 5, info);
        double[] x = new double[Math.multiplyExact(used, d)];
        train.x().rows(0, used, x);
        double[] y = Arrays.copyOf(train.y(), used);
        control.progress(0.0, "kernel");
        KernelState state = KernelState.linear(x, used, test.all(), test.n(), d);
        control.checkpoint();
        for (int l = 0; l < spec.depth(); l++) {
            state = state.relu(l == 0 ? 1.0 / d : 2.0);
            control.checkpoint();
        }
        control.progress(0.5, "readout");
        RidgeReadout.Kernel readout = RidgeReadout.kernel(state.g, used, y, spec.ridge(), control);
        readout.record(info);
        double[] predictions = readout.predict(state.kt, test.n(), used);
        control.progress(1.0, "done");
        return new Estimate(predictions, null, 0, null, info);
    }
}
