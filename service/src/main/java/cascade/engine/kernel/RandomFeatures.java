package cascade.engine.kernel;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lazy random features (SCIENCE.md 4, Baselines): {@code depth} random layers of width P
 * ({@link RandomLayers}: Z = act(H W / c) / sqrt(P), W Gaussian from the seed), then ridge with
 * intercept on Z with penalty lambda n ||w||^2 ({@link RidgeSolver}). With the 1/sqrt(P) the
 * readout's ridge is on the scale of the kernel limit, comparable to {@link KernelRidge}'s.
 * Primal (P x P system, features streamed in row blocks, never n x P at once) when P <= n; dual
 * (n x n, features n x P in memory) otherwise. Ridge "loo": exact leave-one-out from one
 * eigendecomposition (primal: via the hat-matrix diagonal).
 *
 * Info: width, depth, activation, form ("primal" | "dual"), ridge, ridgeSelection, looMse, solver,
 * trainUsed, capped (always false: no cap).
 */
public final class RandomFeatures implements Estimator {

    private final RandomFeaturesSpec spec;
    private final long seed;

    /** @param seed seeds the random layers: the same seed gives the same W */
    public RandomFeatures(RandomFeaturesSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        int p = spec.width();
        RandomLayers layers = new RandomLayers(train.x().dim(), p, spec.depth(), Activation.of(spec.activation()),
                seed);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("width", p);
        info.put("depth", spec.depth());
        info.put("activation", spec.activation());
        control.progress(0.0, "features");
        Inputs features = layers.map(train.x());
        RidgeSolver.LinearFit fit;
        if (p <= n) {
            info.put("form", "primal");
            fit = RidgeSolver.primal(features, train.y(), spec.ridge(), control);
        } else {
            info.put("form", "dual");
            double[] phi = features.all();
            control.checkpoint();
            fit = RidgeSolver.dualFeatures(phi, n, p, train.y(), spec.ridge(), control);
        }
        fit.selection().record(info);
        info.put("trainUsed", n);
        info.put("capped", false);
        control.progress(0.8, "predict");
        double[] predictions = fit.predict(layers.map(test), control);
        control.progress(1.0, "done");
        return new Estimate(predictions, null, 0, null, info);
    }
}
