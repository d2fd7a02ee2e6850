package cascade.engine.kernel;

import java.util.function.DoubleUnaryOperator;

/**
 * The activations of a random layer (SpecParser.ACTIVATIONS), applied elementwise to
 * pre-activations u that are standard normal by construction (see {@link RandomLayers}).
 * {@link #secondMoment()} is E[act(g)^2] for g ~ N(0, 1): the next layer divides by
 * sqrt(fan_in * secondMoment) so its pre-activations are again unit-variance.
 */
enum Activation {

    RELU("relu", u -> Math.max(0, u), 0.5),
    /**
     * ReLU minus its Hermite components of order 0 and 1 (SCIENCE.md 4, random-feature variant):
     * relu(u) - E[relu(g)] He0 - E[relu(g) g] He1 = relu(u) - 1/sqrt(2 pi) - u/2. Exact only for
     * u ~ N(0, 1), which the layer scaling provides (unit-variance pre-activations). Second moment
     * 1/2 - 1/(2 pi) - 1/4.
     */
    RELU_HERMITE("relu-hermite", u -> Math.max(0, u) - Constants.INV_SQRT_2PI - 0.5 * u, 0.25 - 1 / (2 * Math.PI)),
    TANH("tanh", Math::tanh, Double.NaN),
    SIGMOID("sigmoid", u -> 1 / (1 + Math.exp(-u)), Double.NaN),
    /** Second moment (2/pi) arcsin(2/3) (Williams 1997, the erf arc-sine kernel at x = x'). */
    ERF("erf", FastErf::erf, 2 / Math.PI * Math.asin(2.0 / 3)),
    IDENTITY("identity", u -> u, 1),
    ABS("abs", Math::abs, 1),
    /** u^2: E[g^4] = 3. */
    QUADRATIC("quadratic", u -> u * u, 3),
    /** Probabilists' He2(u) = u^2 - 1 (SCIENCE.md 2), not normalised: E[He2(g)^2] = 2. */
    HE2("he2", u -> u * u - 1, 2);

    private final String json;
    private final DoubleUnaryOperator f;
    private final double secondMoment;

    Activation(String json, DoubleUnaryOperator f, double secondMoment) {
        this.json = json;
        this.f = f;
        this.secondMoment = Double.isNaN(secondMoment) ? gaussianSecondMoment(f) : secondMoment;
    }

    static Activation of(String json) {
        for (Activation a : values()) {
            if (a.json.equals(json)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + json + "'");
    }

    String json() {
        return json;
    }

    /** E[act(g)^2], g ~ N(0, 1). */
    double secondMoment() {
        return secondMoment;
    }

    double apply(double u) {
        return f.applyAsDouble(u);
    }

    /** Applies the activation to a[0, len) in place (specialised loops for the cheap ones). */
    void applyInPlace(double[] a, int len) {
        switch (this) {
            case RELU -> {
                for (int i = 0; i < len; i++) {
                    a[i] = Math.max(0, a[i]);
                }
            }
            case RELU_HERMITE -> {
                for (int i = 0; i < len; i++) {
                    double u = a[i];
                    a[i] = Math.max(0, u) - Constants.INV_SQRT_2PI - 0.5 * u;
                }
            }
            case IDENTITY -> {
            }
            case ABS -> {
                for (int i = 0; i < len; i++) {
                    a[i] = Math.abs(a[i]);
                }
            }
            case QUADRATIC -> {
                for (int i = 0; i < len; i++) {
                    a[i] = a[i] * a[i];
                }
            }
            case HE2 -> {
                for (int i = 0; i < len; i++) {
                    a[i] = a[i] * a[i] - 1;
                }
            }
            case TANH -> {
                for (int i = 0; i < len; i++) {
                    a[i] = Math.tanh(a[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < len; i++) {
                    a[i] = 1 / (1 + Math.exp(-a[i]));
                }
            }
            case ERF -> {
                for (int i = 0; i < len; i++) {
                    a[i] = FastErf.erf(a[i]);
                }
            }
        }
    }

    /**
     * E[f(g)^2] for smooth f by composite Simpson's rule on [-12, 12] with 24000 intervals
     * (the Gaussian tail beyond 12 weighs below 1e-32; the rule's error for these analytic
     * integrands is far below 1e-12).
     */
    private static double gaussianSecondMoment(DoubleUnaryOperator f) {
        int intervals = 24_000;
        double a = -12;
        double h = 24.0 / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double u = a + i * h;
            double v = f.applyAsDouble(u);
            double w = (i == 0 || i == intervals) ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += w * v * v * Math.exp(-0.5 * u * u);
        }
        return sum * h / 3 * Constants.INV_SQRT_2PI;
    }

    private static final class Constants {
        static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    }
}
