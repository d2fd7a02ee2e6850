package cascade.engine.kernel;

/**
 * The activations of random layers ({@link Activation}, SpecParser.ACTIVATIONS) for estimators
 * outside this package (Neural LoFi). A facade: one instance per activation name.
 */
public final class ActivationFunction {

    private final Activation act;

    private ActivationFunction(Activation act) {
        this.act = act;
    }

    /** The activation named as in a spec ("relu", "tanh", ...). */
    public static ActivationFunction of(String json) {
        return new ActivationFunction(Activation.of(json));
    }

    public String json() {
        return act.json();
    }

    public double apply(double u) {
        return act.apply(u);
    }

    /** Applies the activation to a[0, len) in place. */
    public void applyInPlace(double[] a, int len) {
        act.applyInPlace(a, len);
    }

    /** E[act(g)^2] for g ~ N(0, 1). */
    public double secondMoment() {
        return act.secondMoment();
    }
}
