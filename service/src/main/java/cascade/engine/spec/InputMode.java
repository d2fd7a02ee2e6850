package cascade.engine.spec;

/** How teacher inputs are drawn (SCIENCE.md section 3). */
public enum InputMode {
    /** x ~ N(0, I_d); the estimator sees x and builds Hermite features itself. */
    HERMITE("hermite"),
    /** z ~ N(0, I_D) directly, h = A_flat z; the estimator sees z. Exact for the theory. */
    GAUSSIAN_EQUIVALENT("gaussian-equivalent");

    private final String json;

    InputMode(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
