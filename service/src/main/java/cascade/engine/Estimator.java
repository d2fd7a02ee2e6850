package cascade.engine;

/** A learning algorithm: fits on training data, predicts on test inputs. Sees no teacher. */
public interface Estimator {

    /**
     * Fits on {@code train} and predicts {@code test}. Calls {@link RunControl#checkpoint()} between
     * batches and iterations so a cancelled run stops promptly.
     */
    Estimate estimate(Data train, Inputs test, RunControl control);
}
