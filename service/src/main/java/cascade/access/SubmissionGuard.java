package cascade.access;

import cascade.engine.spec.DatasetShape;
import cascade.engine.spec.ExperimentSpec;
import cascade.experiments.Experiments;
import cascade.experiments.Submission;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submits an experiment for a caller within its token's limits. Resource limits are checked
 * first; with a queued-run quota, the check and the insert share one transaction holding a lock
 * on the owner, so concurrent submissions of one owner cannot overshoot the quota together.
 */
@Service
public class SubmissionGuard {

    private final Experiments experiments;
    private final TransactionTemplate tx;

    SubmissionGuard(Experiments experiments, TransactionTemplate tx) {
        this.experiments = experiments;
        this.tx = tx;
    }

    /**
     * @throws LimitExceededException naming every field over the token's resource limits
     * @param dataset the stored dataset's shape when the teacher is a dataset (for the memory estimate)
     * @throws QuotaExceededException when the owner's active runs plus these would pass maxQueuedRuns
     */
    public Submission submit(Caller caller, ExperimentSpec spec, @Nullable String idempotencyKey,
            @Nullable DatasetShape dataset) {
        // A replay of an accepted submission returns it, even when the owner is at its quota now.
        var replay = experiments.replay(caller.owner(), idempotencyKey);
        if (replay.isPresent()) {
            return replay.get();
        }
        TokenLimits limits = caller.limits();
        if (limits.maxQueuedRuns() == null) {
            limits.check(spec, () -> 0);
            return experiments.submit(spec, caller.owner(), idempotencyKey, dataset);
        }
        return tx.execute(status -> {
            limits.check(spec, () -> experiments.lockOwnerAndCountActiveRuns(caller.owner()));
            return experiments.submit(spec, caller.owner(), idempotencyKey, dataset);
        });
    }
}
