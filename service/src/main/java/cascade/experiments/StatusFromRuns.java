package cascade.experiments;

import cascade.runs.ExperimentRows;
import cascade.runs.RunCounts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the stored status of an experiment (with its started and finished times) derived from its
 * runs: the run queue calls it inside each of its transactions ({@link ExperimentRows}), and
 * {@link Experiments} after a retry. The only writer of {@code experiment.status} besides a cancel.
 */
@Component
class StatusFromRuns implements ExperimentRows {

    private final JdbcClient jdbc;

    StatusFromRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean lock(UUID experimentId) {
        return lockedStatus(experimentId).isPresent();
    }

    /** Locks the experiment row until the transaction ends and reads its status; empty when it is gone. */
    Optional<ExperimentStatus> lockedStatus(UUID experimentId) {
        return jdbc.sql("SELECT status FROM experiment WHERE id = ? FOR UPDATE").param(experimentId)
                .query((rs, i) -> ExperimentStatus.valueOf(rs.getString(1))).optional();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void runClaimed(UUID experimentId, Instant at) {
        // SKIP LOCKED: a claim never waits on an experiment row (a cancel holding it would
        // otherwise deadlock with us); the holder re-derives the status anyway.
        jdbc.sql("""
                UPDATE experiment SET status = ?, started_at = COALESCE(started_at, ?)
                WHERE id = (SELECT id FROM experiment WHERE id = ? AND status = ?
                            FOR UPDATE SKIP LOCKED)""")
                .params(ExperimentStatus.RUNNING.name(), Timestamp.from(at), experimentId,
                        ExperimentStatus.QUEUED.name())
                .update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void runsChanged(UUID experimentId, RunCounts runs, Instant at) {
        ExperimentStatus current = lockedStatus(experimentId)
                .orElseThrow(() -> new ExperimentNotFoundException(experimentId));
        ExperimentStatus next = ExperimentStatus.from(current, runs);
        if (!current.canMoveTo(next)) {
            throw new IllegalStateException("experiment " + experimentId + " cannot move from " + current + " to "
                    + next);
        }
        Timestamp now = Timestamp.from(at);
        jdbc.sql("""
                UPDATE experiment SET status = ?,
                    started_at = CASE WHEN ? THEN COALESCE(started_at, ?) ELSE started_at END,
                    finished_at = CASE WHEN ? THEN COALESCE(finished_at, ?) ELSE NULL END
                WHERE id = ?""")
                .params(next.name(), next != ExperimentStatus.QUEUED, now, next.isTerminal(), now, experimentId)
                .update();
    }
}
