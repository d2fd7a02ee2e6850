package cascade.engine.fit;

import java.util.Optional;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * metric = a n^-b + c by nonlinear least squares in relative residuals (each point weighted by
 * 1/metric, so small errors at large n count), Levenberg-Marquardt from the power-law start
 * (SCIENCE.md 7, optional saturating law).
 */
public final class SaturatingFit {

    /** The fitted law and the optimiser's iteration count. */
    public record Saturating(double a, double b, double c, int iterations) {
    }

    private SaturatingFit() {
    }

    public static Optional<Saturating> fit(double[] n, double[] metric, PowerLaw start) {
        if (n.length < 4) {
            return Optional.empty();
        }
        double[] target = new double[n.length];
        java.util.Arrays.fill(target, 1.0);
        LeastSquaresBuilder builder = new LeastSquaresBuilder()
                .start(new double[] {Math.exp(start.intercept()), -start.exponent(), 0.0})
                .target(target)
                .model(p -> {
                    double a = p.getEntry(0);
                    double b = p.getEntry(1);
                    double c = p.getEntry(2);
                    RealVector value = new ArrayRealVector(n.length);
                    Array2DRowRealMatrix jac = new Array2DRowRealMatrix(n.length, 3);
                    for (int i = 0; i < n.length; i++) {
                        double pow = Math.pow(n[i], -b);
                        value.setEntry(i, (a * pow + c) / metric[i]);
                        jac.setEntry(i, 0, pow / metric[i]);
                        jac.setEntry(i, 1, -a * pow * Math.log(n[i]) / metric[i]);
                        jac.setEntry(i, 2, 1.0 / metric[i]);
                    }
                    return new Pair<>(value, jac);
                })
                .maxEvaluations(10_000)
                .maxIterations(10_000);
        try {
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(builder.build());
            RealVector p = opt.getPoint();
            return Optional.of(new Saturating(p.getEntry(0), p.getEntry(1), p.getEntry(2), opt.getIterations()));
        } catch (RuntimeException notConverged) {
            return Optional.empty();
        }
    }
}
