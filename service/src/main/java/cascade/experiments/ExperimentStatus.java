package cascade.experiments;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of an experiment, derived from its runs; the one transition table. The CHECK
 * constraint experiment_status_check mirrors the values.
 */
enum ExperimentStatus {
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

    boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
