package cascade.runs;

import java.time.Instant;
import java.util.UUID;

/**
 * The experiment rows that runs belong to, as the queue needs them inside its own short
 * transactions. The experiments module implements it (it alone writes the {@code experiment}
 * table), so this module never imports that one: the dependency points from experiments to runs,
 * and the queue still keeps an experiment's stored status in step with its runs in the same
 * transaction as each run's status change.
 */
public interface ExperimentRows {

    /**
     * Locks the experiment's row until the surrounding transaction ends, so that status changes of
     * its runs are serialised and each sees what the previous one committed.
     *
     * @return false when the experiment no longer exists (it was deleted with its runs)
     */
    boolean lock(UUID experimentId);

    /**
     * A run of the experiment was just claimed at {@code at}: the experiment is running. Must not
     * wait for the row lock (a claim never waits behind a cancel); skipping is fine, since whoever
     * holds the lock re-derives the status anyway.
     */
    void runClaimed(UUID experimentId, Instant at);

    /**
     * Runs of the experiment changed status at {@code at}, in this transaction, after {@link #lock};
     * {@code runs} counts them as they are now.
     */
    void runsChanged(UUID experimentId, RunCounts runs, Instant at);
}
