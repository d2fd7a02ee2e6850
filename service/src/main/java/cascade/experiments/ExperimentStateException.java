package cascade.experiments;

/** An operation that the experiment's current state does not allow (e.g. retry with nothing to retry). */
public final class ExperimentStateException extends RuntimeException {

    public ExperimentStateException(String message) {
        super(message);
    }
}
