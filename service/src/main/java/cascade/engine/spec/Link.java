package cascade.engine.spec;

/** Output nonlinearity g in y = g(s + noise) (SCIENCE.md section 3). */
public enum Link {
    IDENTITY("identity"),
    TANH("tanh"),
    RELU_CENTERED("relu-centered");

    private final String json;

    Link(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** Applies the link; the centred ReLU subtracts E[relu(N(0,1))] = 1/sqrt(2 pi). */
    public double apply(double s) {
        return switch (this) {
            case IDENTITY -> s;
            case TANH -> Math.tanh(s);
            case RELU_CENTERED -> Math.max(s, 0.0) - 1.0 / Math.sqrt(2 * Math.PI);
        };
    }
}
