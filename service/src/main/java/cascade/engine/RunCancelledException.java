package cascade.engine;

/** Thrown at a checkpoint when a run was cancelled or is no longer this worker's. */
public final class RunCancelledException extends RuntimeException {

    public RunCancelledException(String reason) {
        super(reason);
    }
}
