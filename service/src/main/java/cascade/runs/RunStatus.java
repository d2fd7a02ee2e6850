package cascade.runs;

/**
 * Lifecycle of a run, with the one table of legal moves ({@link #canMoveTo}). Every statement that
 * changes a run's status takes its from and to values from a {@link RunMove}, and each move is
 * checked against this table when the class loads, so the SQL cannot drift from it. The CHECK
 * constraint {@code run_status_check} lists the same values.
 */
public enum RunStatus {

    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Whether a run in this status may be changed to {@code next}. */
    public boolean canMoveTo(RunStatus next) {
        return switch (this) {
            case QUEUED -> next == RUNNING || next == CANCELLED;
            // QUEUED: failed with attempts left, lease expired, or given back at shutdown
            case RUNNING -> next == SUCCEEDED || next == FAILED || next == QUEUED || next == CANCELLED;
            case FAILED, CANCELLED -> next == QUEUED; // only through a user's retry
            case SUCCEEDED -> false;
        };
    }

    /** QUEUED or RUNNING: the run still counts against its owner's queue quota. */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }

}
