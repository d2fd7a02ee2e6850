package cascade.engine.kernel;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Estimator;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.linalg.Blas;
import cascade.engine.spec.RidgeSpec;
import java.util.Map;

/** Ridge regression with intercept on the raw inputs (SCIENCE.md 4 baselines), ridge lambda * n. */
public final class LinearRidge implements Estimator {

    private final RidgeSpec spec;

    public LinearRidge(RidgeSpec spec) {
        this.spec = spec;
    }

    @Override
    public Estimate estimate(Data train, Inputs test, RunControl control) {
        int n = train.n();
        int d = train.x().dim();
        RidgeSolver.Fit fit = RidgeSolver.primal(train.x().all(), n, d, train.y(), spec.ridge());
        control.checkpoint();
        double[] out = new double[test.n()];
        Blas.gemv(test.n(), d, 1.0, test.all(), fit.coefficients(), 0.0, out);
        for (int i = 0; i < out.length; i++) {
            out[i] += fit.intercept();
        }
        return new Estimate(out, null, 0, null, Map.of("ridge", fit.lambda()));
    }
}
