package cascade.engine.kernel;

import static cascade.engine.kernel.LinearRidgeTests.assertClose;
import static cascade.engine.kernel.LinearRidgeTests.data;
import static cascade.engine.kernel.LinearRidgeTests.labels;
import static cascade.engine.kernel.LinearRidgeTests.referencePredict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cascade.engine.Data;
import cascade.engine.Estimate;
import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.spec.RidgeChoice;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

/** Random features: the kernel limit, the layer normalisation, the readout, determinism. */
class RandomFeaturesTests {

    /**
     * Cho and Saul (2009): for w ~ N(0, I_d), E[relu(w.x/sqrt d) relu(w.x'/sqrt d)] =
     * (||x|| ||x'|| / d) (sin t + (pi - t) cos t) / (2 pi). The RF Gram (1/P) Z Z^T averages P
     * independent copies, so its error is O(1/sqrt(P)): each entry has standard deviation at most
     * sqrt(E[relu(u)^2 relu(u')^2] / P) <= sqrt(3/2) (||x|| ||x'|| / d) / sqrt(P) (Cauchy-Schwarz and
     * E[relu(u)^4] = (3/2) sigma^4). Tolerance: 6 of those standard deviations, per entry, at every width.
     */
    @Test
    void reluFeatureGramApproachesTheArcCosineKernel() {
        int n = 6;
        int d = 5;
        double[] x = data(n, d, 30, false);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= 0.5 + 0.3 * i;                       // varied norms
            }
        }
        double[] worst = new double[3];
        int[] widths = {1 << 10, 1 << 13, 1 << 16};
        for (int w = 0; w < widths.length; w++) {
            int p = widths[w];
            double[] phi = new RandomLayers(d, p, 1, Activation.RELU, 31).map(Inputs.of(x, n, d)).all();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double g = 0;
                    for (int k = 0; k < p; k++) {
                        g += phi[i * p + k] * phi[j * p + k];
                    }
                    double ni = norm(x, i, d);
                    double nj = norm(x, j, d);
                    double cos = Math.max(-1, Math.min(1, dot(x, i, j, d) / (ni * nj)));
                    double t = Math.acos(cos);
                    double expected = ni * nj / d * (Math.sin(t) + (Math.PI - t) * cos) / (2 * Math.PI);
                    double sd = Math.sqrt(1.5) * ni * nj / d / Math.sqrt(p);
                    assertTrue(Math.abs(g - expected) <= 6 * sd,
                            "P=" + p + " entry (" + i + "," + j + "): " + g + " vs " + expected + " (sd bound " + sd + ")");
                    worst[w] = Math.max(worst[w], Math.abs(g - expected) / sd);
                }
            }
        }
        System.out.println("RF Gram vs arc-cosine, max |error| in units of the 1/sqrt(P) bound: "
                + Arrays.toString(worst));
    }

    /**
     * Deeper layers divide by sqrt(P E[act(g)^2]) so pre-activations stay unit-variance: the mean
     * square of the last layer's activations is then E[act(g)^2] (relu-hermite: 1/4 - 1/(2 pi)).
     * d = 200 keeps ||x||^2/d within a few percent of 1; tolerance 5%.
     */
    @Test
    void deepLayersKeepUnitVariancePreactivations() {
        int n = 100;
        int d = 200;
        int p = 2048;
        double[] x = data(n, d, 32, false);
        for (Activation act : new Activation[] {Activation.RELU, Activation.RELU_HERMITE, Activation.TANH}) {
            double[] phi = new RandomLayers(d, p, 3, act, 33).map(Inputs.of(x, n, d)).all();
            double ms = 0;
            for (double v : phi) {
                ms += v * v;                                         // Z^2 / P summed over P: mean over rows
            }
            ms /= n;
            assertEquals(act.secondMoment(), ms, 0.05 * act.secondMoment(), act.json());
        }
    }

    /**
     * Second moments (and relu-hermite's vanishing He0, He1 components) against Commons Math's
     * iterative Legendre-Gauss integrator on [-12, 0] and [0, 12] (the kinks sit at 0), 1e-9.
     */
    @Test
    void activationMomentsMatchNumericalIntegration() {
        for (Activation act : Activation.values()) {
            double m2 = gaussianExpectation(u -> act.apply(u) * act.apply(u));
            assertEquals(m2, act.secondMoment(), 1e-9, act.json());
        }
        assertEquals(0, gaussianExpectation(Activation.RELU_HERMITE::apply), 1e-9);
        assertEquals(0, gaussianExpectation(u -> u * Activation.RELU_HERMITE.apply(u)), 1e-9);
    }

    /**
     * The table-Taylor erf against Commons Math's incomplete-gamma erf (an independent algorithm) on
     * 200001 points of [-8, 8] plus the special values; 2e-15 absolute. (Measured once against
     * glibc's erf on the same points: this erf is within 4.4e-16, Commons Math within 7.8e-16, so the
     * gap seen here, ~1.2e-15, is mostly Commons Math's own error.)
     */
    @Test
    void fastErfMatchesCommonsMath() {
        double worst = 0;
        double[] z = new double[200_001];
        for (int i = 0; i < z.length; i++) {
            z[i] = -8 + 16.0 * i / (z.length - 1);
        }
        double[] e = z.clone();
        Activation.ERF.applyInPlace(e, e.length);
        for (int i = 0; i < z.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - org.apache.commons.math3.special.Erf.erf(z[i])));
        }
        System.out.println("FastErf max |error| vs Commons Math: " + worst);
        assertTrue(worst <= 2e-15, "max error " + worst);
        assertEquals(0.0, FastErf.erf(0.0));
        assertEquals(1.0, FastErf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, FastErf.erf(-7));
        assertTrue(Double.isNaN(FastErf.erf(Double.NaN)));
    }

    /** The estimator's readout equals ridge by augmented QR on the same features (primal and dual forms). */
    @Test
    void readoutMatchesAugmentedQrOnTheFeatures() {
        int d = 4;
        for (int[] shape : new int[][] {{80, 32}, {30, 64}}) {
            int n = shape[0];
            int p = shape[1];
            double[] x = data(n, d, 34, false);
            double[] y = labels(n, 35);
            double[] xt = data(12, d, 36, false);
            RandomFeaturesSpec spec = new RandomFeaturesSpec("rf", p, "relu-hermite", 2, RidgeChoice.of(0.01));
            Estimate e = new RandomFeatures(spec, 37).estimate(new Data(Inputs.of(x, n, d), y), Inputs.of(xt, 12, d),
                    RunControl.NONE);
            RandomLayers layers = new RandomLayers(d, p, 2, Activation.RELU_HERMITE, 37);
            double[] phi = layers.map(Inputs.of(x, n, d)).all();
            double[] phiTest = layers.map(Inputs.of(xt, 12, d)).all();
            assertClose(referencePredict(phi, n, p, y, 0.01, phiTest, 12, -1), e.predictions(), 1e-8);
            assertEquals(p <= n ? "primal" : "dual", e.info().get("form"));
        }
    }

    /** Primal (hat diagonal) and dual (one n x n eigendecomposition) LOO agree on the same features. */
    @Test
    void primalAndDualLooAgree() {
        int n = 50;
        int p = 20;
        double[] phi = data(n, p, 38, true);
        double[] y = labels(n, 39);
        RidgeSolver.LinearFit primal = RidgeSolver.primal(Inputs.of(phi, n, p), y, RidgeChoice.loo(), RunControl.NONE);
        RidgeSolver.LinearFit dual = RidgeSolver.dualFeatures(phi.clone(), n, p, y, RidgeChoice.loo(), RunControl.NONE);
        assertEquals(dual.selection().ridge(), primal.selection().ridge());
        assertEquals(dual.selection().looMse(), primal.selection().looMse(), 1e-9);
        assertClose(dual.weights(), primal.weights(), 1e-8);
        assertEquals(dual.intercept(), primal.intercept(), 1e-9);
    }

    @Test
    void sameSeedSameFeaturesOtherSeedOther() {
        int n = 40;
        int d = 3;
        double[] x = data(n, d, 40, false);
        double[] y = labels(n, 41);
        RandomFeaturesSpec spec = new RandomFeaturesSpec("rf", 16, "relu", 1, RidgeChoice.loo());
        Data train = new Data(Inputs.of(x, n, d), y);
        double[] a = new RandomFeatures(spec, 7).estimate(train, Inputs.of(x, n, d), RunControl.NONE).predictions();
        double[] b = new RandomFeatures(spec, 7).estimate(train, Inputs.of(x, n, d), RunControl.NONE).predictions();
        double[] c = new RandomFeatures(spec, 8).estimate(train, Inputs.of(x, n, d), RunControl.NONE).predictions();
        assertTrue(Arrays.equals(a, b));
        assertFalse(Arrays.equals(a, c));
        for (double v : a) {
            assertTrue(Double.isFinite(v));
        }
    }

    static double gaussianExpectation(DoubleUnaryOperator f) {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-14, 1e-15);
        org.apache.commons.math3.analysis.UnivariateFunction g =
                u -> f.applyAsDouble(u) * Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
        return integrator.integrate(1_000_000, g, -12, 0) + integrator.integrate(1_000_000, g, 0, 12);
    }

    private static double norm(double[] x, int i, int d) {
        return Math.sqrt(dot(x, i, i, d));
    }

    private static double dot(double[] x, int i, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += x[i * d + k] * x[j * d + k];
        }
        return s;
    }
}
