package cascade.runs;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of a run; the one transition table (the CHECK constraint run_status_check mirrors
 * the values). QUEUED -> RUNNING (claim) -> SUCCEEDED | QUEUED (retry, reaped, released) | FAILED;
 * QUEUED/RUNNING -> CANCELLED; FAILED/CANCELLED -> QUEUED (retry by a user).
 */
enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    static final Map<RunStatus, Set<RunStatus>> NEXT = Map.of(
            QUEUED, EnumSet.of(RUNNING, CANCELLED),
            RUNNING, EnumSet.of(SUCCEEDED, QUEUED, FAILED, CANCELLED),
            SUCCEEDED, EnumSet.noneOf(RunStatus.class),
            FAILED, EnumSet.of(QUEUED),
            CANCELLED, EnumSet.of(QUEUED));

    boolean canMoveTo(RunStatus next) {
        return NEXT.get(this).contains(next);
    }
}
