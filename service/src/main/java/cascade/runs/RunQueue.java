package cascade.runs;

import cascade.engine.RunOutcome;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workers' side of the run table as a durable queue (db-scheduler's design). A claim is one
 * statement with FOR UPDATE SKIP LOCKED; a lease is renewed by heartbeats; a reaper re-queues runs
 * whose lease expired; every status change is one short transaction that first locks the run's
 * experiment row through {@link ExperimentRows} and reports the new counts to it, so the
 * experiment's stored status sees every committed change. Time comes from the injected
 * {@link InstantSource} and is bound into SQL, never {@code now()}; status values come from
 * {@link RunMove}.
 */
@Service
public class RunQueue {

    private static final String CLAIM = """
            UPDATE run SET status = %s, leased_by = ?, lease_until = ?, heartbeat_at = ?,
                           started_at = ?, attempts = attempts + 1
            WHERE id = (SELECT id FROM run
                        WHERE status IN (%s) AND available_at <= ?
                        ORDER BY priority, created_at
                        FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id, experiment_id, estimator_index, n, seed, attempts"""
            .formatted(RunMove.CLAIM.to(), RunMove.CLAIM.from());

    private static final String HEARTBEAT = """
            UPDATE run SET lease_until = ?, heartbeat_at = ?
            WHERE id IN (SELECT id FROM run WHERE id = ANY(?) AND status IN (%s) AND leased_by = ?
                         ORDER BY id FOR UPDATE)
            RETURNING id""".formatted(RunMove.literal(RunStatus.RUNNING));

    private static final String SUCCEED = """
            UPDATE run SET status = %s, outcome = ?::jsonb, error = NULL, finished_at = ?,
                           leased_by = NULL, lease_until = NULL
            WHERE id = ? AND status IN (%s) AND leased_by = ?""".formatted(RunMove.SUCCEED.to(), RunMove.SUCCEED.from());

    /** A failed attempt: back to the queue after backoff * 2^(attempts-1), or FAILED when none is left. */
    private static final String FAIL = """
            UPDATE run SET status = CASE WHEN attempts >= max_attempts THEN %s ELSE %s END,
                           available_at = ?::timestamptz + make_interval(secs => ? * power(2, GREATEST(attempts - 1, 0))),
                           error = ?, finished_at = CASE WHEN attempts >= max_attempts THEN ?::timestamptz END,
                           leased_by = NULL, lease_until = NULL
            WHERE id = ? AND status IN (%s) AND leased_by = ?
            RETURNING status""".formatted(RunMove.GIVE_UP.to(), RunMove.REQUEUE.to(), RunMove.REQUEUE.from());

    private static final String RELEASE = """
            UPDATE run SET status = %s, attempts = GREATEST(attempts - 1, 0), available_at = ?,
                           leased_by = NULL, lease_until = NULL
            WHERE id = ? AND status IN (%s) AND leased_by = ?""".formatted(RunMove.REQUEUE.to(), RunMove.REQUEUE.from());

    private static final String EXPIRED = """
            SELECT DISTINCT experiment_id FROM run WHERE status IN (%s) AND lease_until < ?
            ORDER BY experiment_id""".formatted(RunMove.REQUEUE.from());

    private static final String REAP = """
            UPDATE run SET status = CASE WHEN attempts >= max_attempts THEN %s ELSE %s END,
                           error = 'lease expired: worker ' || leased_by || ' stopped heartbeating',
                           finished_at = CASE WHEN attempts >= max_attempts THEN ?::timestamptz END,
                           available_at = ?, leased_by = NULL, lease_until = NULL
            WHERE experiment_id = ? AND status IN (%s) AND lease_until < ?"""
            .formatted(RunMove.GIVE_UP.to(), RunMove.REQUEUE.to(), RunMove.REQUEUE.from());

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Runs runs;
    private final ExperimentRows experiments;
    private final JsonMapper json;
    private final InstantSource clock;
    private final ApplicationEventPublisher events;
    private final RunsProperties properties;

    RunQueue(JdbcClient jdbc, TransactionTemplate tx, Runs runs, ExperimentRows experiments, JsonMapper json,
            InstantSource clock, ApplicationEventPublisher events, RunsProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.runs = runs;
        this.experiments = experiments;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.properties = properties;
    }

    /** How long a claim holds a run without a heartbeat ({@code cascade.runs.lease}). */
    public Duration lease() {
        return properties.lease();
    }

    /** Claims the next available run for {@code worker}, or empty when none is available. */
    public Optional<ClaimedRun> claimNext(String worker) {
        return tx.execute(status -> {
            Instant now = clock.instant();
            Optional<ClaimedRun> claimed = jdbc.sql(CLAIM)
                    .params(worker, ts(now.plus(properties.lease())), ts(now), ts(now), ts(now))
                    .query((rs, i) -> new ClaimedRun(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getInt(6)))
                    .optional();
            claimed.ifPresent(run -> experiments.runClaimed(run.experimentId(), now));
            return claimed;
        });
    }

    /**
     * Extends the leases of {@code runs} that are still RUNNING under {@code worker}; returns the
     * ids that are no longer this worker's (cancelled, reaped and re-claimed, deleted), whose
     * computation must stop at its next checkpoint.
     */
    public Set<UUID> heartbeat(String worker, Collection<UUID> runs) {
        if (runs.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        List<UUID> ours = jdbc.sql(HEARTBEAT)
                .params(ts(now.plus(properties.lease())), ts(now), runs.toArray(UUID[]::new), worker)
                .query((rs, i) -> rs.getObject(1, UUID.class)).list();
        Set<UUID> lost = new HashSet<>(runs);
        ours.forEach(lost::remove);
        return lost;
    }

    /**
     * Stores the outcome and marks the run SUCCEEDED, only if {@code worker} still holds it: a late
     * worker whose run was reaped and re-run elsewhere gets false and its result is dropped, so a
     * run never has two results. False too when the experiment was deleted meanwhile.
     */
    public boolean succeed(UUID runId, String worker, RunOutcome outcome) {
        String body = json.writeValueAsString(Outcomes.clean(outcome));
        Instant now = clock.instant();
        return changeOne(runId, now, () -> jdbc.sql(SUCCEED).params(body, ts(now), runId, worker).update() == 1
                ? Optional.of(RunMove.SUCCEED.target()) : Optional.empty());
    }

    /**
     * Records a failed attempt: back to the queue after backoff * 2^(attempt-1) while attempts
     * remain, else FAILED with the error visible.
     */
    public void fail(UUID runId, String worker, String error) {
        Instant now = clock.instant();
        changeOne(runId, now, () -> jdbc.sql(FAIL)
                .params(ts(now), properties.backoff().toMillis() / 1000.0, truncate(error), ts(now), runId, worker)
                .query((rs, i) -> RunStatus.valueOf(rs.getString(1))).optional());
    }

    /** Gives a run back untouched (shutdown): QUEUED, available now, this attempt not counted. */
    public void release(UUID runId, String worker) {
        Instant now = clock.instant();
        changeOne(runId, now, () -> jdbc.sql(RELEASE).params(ts(now), runId, worker).update() == 1
                ? Optional.of(RunMove.REQUEUE.target()) : Optional.empty());
    }

    /**
     * Re-queues RUNNING runs whose lease expired (their worker died or hung); a run that has used
     * all its attempts becomes FAILED. Returns the number of runs reaped.
     */
    public int reapExpired() {
        Instant now = clock.instant();
        List<UUID> affected = jdbc.sql(EXPIRED).param(ts(now)).query((rs, i) -> rs.getObject(1, UUID.class)).list();
        int reaped = 0;
        for (UUID experiment : affected) {
            Integer count = tx.execute(status -> {
                if (!experiments.lock(experiment)) {
                    return 0;
                }
                int n = jdbc.sql(REAP).params(ts(now), ts(now), experiment, ts(now)).update();
                experiments.runsChanged(experiment, runs.counts(experiment), now);
                return n;
            });
            reaped += count == null ? 0 : count;
        }
        return reaped;
    }

    /** One status change of one run in one transaction, between locking its experiment and reporting the new counts. */
    private boolean changeOne(UUID runId, Instant now, Supplier<Optional<RunStatus>> change) {
        Boolean done = tx.execute(status -> {
            Optional<UUID> experiment = experimentOf(runId);
            if (experiment.isEmpty() || !experiments.lock(experiment.get())) {
                return false;
            }
            Optional<RunStatus> next = change.get();
            if (next.isEmpty()) {
                return false;
            }
            experiments.runsChanged(experiment.get(), runs.counts(experiment.get()), now);
            events.publishEvent(new RunFinished(experiment.get(), runId, next.get()));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    private Optional<UUID> experimentOf(UUID runId) {
        return jdbc.sql("SELECT experiment_id FROM run WHERE id = ?").param(runId)
                .query((rs, i) -> rs.getObject(1, UUID.class)).optional();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static String truncate(String error) {
        return error.length() <= 4000 ? error : error.substring(0, 4000) + "...";
    }
}
