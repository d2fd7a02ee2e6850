package cascade.engine.kernel;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ridge regression with intercept on the raw inputs (SCIENCE.md 4, Baselines):
 * minimise ||y - b - X w||^2 + lambda n ||w||^2, the intercept unpenalised (inputs and labels
 * centred with the training means). Primal (d x d, inputs streamed in row blocks) when d <= n,
 * dual (n x n, inputs in memory) otherwise; fixed ridge or exact leave-one-out ({@link RidgeSolver}).
 *
 * Info: form, ridge, ridgeSelection, looMse, solver, trainUsed, capped (always false: no cap).
 */
public final class LinearRidge implements Estimator {

    private final RidgeSpec spec;

    public LinearRidge(RidgeSpec spec) {
        this.spec = spec;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        int d = train.x().dim();
        Map<String, Object> info = new LinkedHashMap<>();
        control.progress(0.0, "fit");
        RidgeSolver.LinearFit fit;
        if (d <= n) {
            info.put("form", "primal");
            fit = RidgeSolver.primal(train.x(), train.y(), spec.ridge(), control);
        } else {
            info.put("form", "dual");
            fit = RidgeSolver.dualFeatures(train.x().all(), n, d, train.y(), spec.ridge(), control);
        }
        fit.selection().record(info);
        info.put("trainUsed", n);
        info.put("capped", false);
        control.progress(0.8, "predict");
        double[] predictions = fit.predict(test, control);
        control.progress(1.0, "done");
        return new Estimate(predictions, null, 0, null, info);
    }
}
