package cascade.experiments;

import cascade.runs.RunCounts;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of an experiment, derived from its runs ({@link #from}) and stored so that lists can
 * filter and page on it; the one transition table. The CHECK constraint experiment_status_check
 * mirrors the values.
 */
public enum ExperimentStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    private static final Map<ExperimentStatus, Set<ExperimentStatus>> NEXT = Map.of(
            QUEUED, EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED),
            SUCCEEDED, EnumSet.noneOf(ExperimentStatus.class),
            FAILED, EnumSet.of(QUEUED, RUNNING),
            CANCELLED, EnumSet.of(QUEUED, RUNNING));

    boolean canMoveTo(ExperimentStatus next) {
        return this == next || NEXT.get(this).contains(next);
    }

    /** SUCCEEDED, FAILED or CANCELLED: no run of it is queued or running. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /**
     * The status that {@code runs} imply for an experiment now in {@code current}: QUEUED before any
     * run started, RUNNING while runs are queued or running, then FAILED (some run failed),
     * CANCELLED (some run was cancelled) or SUCCEEDED. A cancelled experiment stays CANCELLED while
     * its running runs wind down.
     */
    static ExperimentStatus from(ExperimentStatus current, RunCounts runs) {
        if (runs.active() == 0) {
            return runs.failed() > 0 ? FAILED : runs.cancelled() > 0 ? CANCELLED : SUCCEEDED;
        }
        if (current == CANCELLED && runs.queued() == 0) {
            return CANCELLED;
        }
        return runs.running() > 0 || runs.done() > 0 ? RUNNING : QUEUED;
    }
}
