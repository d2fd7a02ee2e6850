package cascade.runs;

import cascade.engine.RunOutcome;
import cascade.experiments.Experiments;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front door of the runs module: the run table as a durable queue (db-scheduler's design). A
 * claim is one statement with FOR UPDATE SKIP LOCKED; a lease is renewed by heartbeats; a reaper
 * re-queues runs whose lease expired; every status change is one short transaction that first
 * locks the experiment row, so the experiment's derived status sees every committed change. Time
 * comes from the injected {@link InstantSource} and is bound into SQL, never {@code now()}.
 */
@Service
public class RunQueue {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Experiments experiments;
    private final JsonMapper json;
    private final InstantSource clock;
    private final ApplicationEventPublisher events;
    private final RunsProperties properties;

    RunQueue(JdbcClient jdbc, TransactionTemplate tx, Experiments experiments, JsonMapper json, InstantSource clock,
            ApplicationEventPublisher events, RunsProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.experiments = experiments;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.properties = properties;
    }

    public Duration lease() {
        return properties.lease();
    }

    /** Claims the next available run for {@code worker}, or empty when none is available. */
    public Optional<ClaimedRun> claimNext(String worker) {
        return tx.execute(status -> {
            Instant now = clock.instant();
            Optional<ClaimedRun> claimed = jdbc.sql("""
                    UPDATE run SET status = 'RUNNING', leased_by = ?, lease_until = ?, heartbeat_at = ?,
                                   started_at = ?, attempts = attempts + 1
                    WHERE id = (SELECT id FROM run
                                WHERE status = 'QUEUED' AND available_at <= ?
                                ORDER BY priority, created_at
                                FOR UPDATE SKIP LOCKED LIMIT 1)
                    RETURNING id, experiment_id, estimator_index, n, seed, attempts""")
                    .params(worker, ts(now.plus(properties.lease())), ts(now), ts(now), ts(now))
                    .query((rs, i) -> new ClaimedRun(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getInt(6)))
                    .optional();
            // SKIP LOCKED: a claim never waits on an experiment row (a cancel holding it would
            // otherwise deadlock with us); the holder re-derives the status anyway.
            claimed.ifPresent(run -> jdbc.sql("""
                    UPDATE experiment SET status = 'RUNNING', started_at = COALESCE(started_at, ?)
                    WHERE id = (SELECT id FROM experiment WHERE id = ? AND status = 'QUEUED'
                                FOR UPDATE SKIP LOCKED)""").params(ts(now), run.experimentId()).update());
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
        List<UUID> ours = jdbc.sql("""
                UPDATE run SET lease_until = ?, heartbeat_at = ?
                WHERE id IN (SELECT id FROM run WHERE id = ANY(?) AND status = 'RUNNING' AND leased_by = ?
                             ORDER BY id FOR UPDATE)
                RETURNING id""")
                .params(ts(now.plus(properties.lease())), ts(now), runs.toArray(UUID[]::new), worker)
                .query((rs, i) -> rs.getObject(1, UUID.class)).list();
        Set<UUID> lost = new HashSet<>(runs);
        ours.forEach(lost::remove);
        return lost;
    }

    /**
     * Stores the outcome and marks the run SUCCEEDED, only if {@code worker} still holds it: a late
     * worker whose run was reaped and re-run elsewhere gets false and its result is dropped, so a
     * run never has two results.
     */
    public boolean succeed(UUID runId, String worker, RunOutcome outcome) {
        String body = json.writeValueAsString(Outcomes.clean(outcome));
        return finish(runId, worker, "SUCCEEDED", """
                UPDATE run SET status = 'SUCCEEDED', outcome = ?::jsonb, error = NULL, finished_at = ?,
                               leased_by = NULL, lease_until = NULL
                WHERE id = ? AND status = 'RUNNING' AND leased_by = ?""", body);
    }

    /**
     * Records a failed attempt: back to the queue after backoff * 2^(attempt-1) while attempts
     * remain, else FAILED with the error visible.
     */
    public void fail(UUID runId, String worker, String error) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Optional<UUID> experiment = experimentOf(runId);
            if (experiment.isEmpty()) {
                return;
            }
            experiments.lockForRunUpdate(experiment.get());
            List<String> next = jdbc.sql("""
                    UPDATE run SET status = CASE WHEN attempts >= max_attempts THEN 'FAILED' ELSE 'QUEUED' END,
                                   available_at = ?::timestamptz + make_interval(secs => ? * power(2, GREATEST(attempts - 1, 0))),
                                   error = ?, finished_at = CASE WHEN attempts >= max_attempts THEN ?::timestamptz END,
                                   leased_by = NULL, lease_until = NULL
                    WHERE id = ? AND status = 'RUNNING' AND leased_by = ?
                    RETURNING status""")
                    .params(ts(now), properties.backoff().toMillis() / 1000.0, truncate(error), ts(now), runId, worker)
                    .query((rs, i) -> rs.getString(1)).list();
            if (!next.isEmpty()) {
                experiments.refreshStatus(experiment.get());
                events.publishEvent(new RunFinished(experiment.get(), runId, next.get(0)));
            }
        });
    }

    /** Gives a run back untouched (shutdown): QUEUED, available now, this attempt not counted. */
    public void release(UUID runId, String worker) {
        finish(runId, worker, "QUEUED", """
                UPDATE run SET status = 'QUEUED', attempts = GREATEST(attempts - 1, 0), available_at = ?,
                               leased_by = NULL, lease_until = NULL
                WHERE id = ? AND status = 'RUNNING' AND leased_by = ?""", null);
    }

    /**
     * Re-queues RUNNING runs whose lease expired (their worker died or hung); a run that has used
     * all its attempts becomes FAILED. Returns the number of runs reaped.
     */
    public int reapExpired() {
        Instant now = clock.instant();
        List<UUID> affected = jdbc.sql("""
                SELECT DISTINCT experiment_id FROM run WHERE status = 'RUNNING' AND lease_until < ?
                ORDER BY experiment_id""").param(ts(now)).query((rs, i) -> rs.getObject(1, UUID.class)).list();
        int reaped = 0;
        for (UUID experiment : affected) {
            Integer count = tx.execute(status -> {
                experiments.lockForRunUpdate(experiment);
                int n = jdbc.sql("""
                        UPDATE run SET status = CASE WHEN attempts >= max_attempts THEN 'FAILED' ELSE 'QUEUED' END,
                                       error = 'lease expired: worker ' || leased_by || ' stopped heartbeating',
                                       finished_at = CASE WHEN attempts >= max_attempts THEN ?::timestamptz END,
                                       available_at = ?, leased_by = NULL, lease_until = NULL
                        WHERE experiment_id = ? AND status = 'RUNNING' AND lease_until < ?""")
                        .params(ts(now), ts(now), experiment, ts(now)).update();
                experiments.refreshStatus(experiment);
                return n;
            });
            reaped += count == null ? 0 : count;
        }
        return reaped;
    }

    /** Every run of an experiment, ordered by (estimator, n, seed). */
    public List<RunView> runsOf(UUID experimentId) {
        return jdbc.sql("""
                SELECT id, estimator_index, estimator, n, seed, status, attempts, started_at, finished_at,
                       outcome::text AS outcome, error
                FROM run WHERE experiment_id = ? ORDER BY estimator_index, n, seed""")
                .param(experimentId).query(this::view).list();
    }

    /** Number of runs by status, over all experiments (for metrics). */
    public Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RunStatus s : RunStatus.values()) {
            counts.put(s.name(), 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM run GROUP BY status")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private boolean finish(UUID runId, String worker, String newStatus, String sql, @Nullable String body) {
        Instant now = clock.instant();
        Boolean done = tx.execute(status -> {
            Optional<UUID> experiment = experimentOf(runId);
            if (experiment.isEmpty()) {
                return false;
            }
            experiments.lockForRunUpdate(experiment.get());
            int updated = body != null
                    ? jdbc.sql(sql).params(body, ts(now), runId, worker).update()
                    : jdbc.sql(sql).params(ts(now), runId, worker).update();
            if (updated == 0) {
                return false;
            }
            experiments.refreshStatus(experiment.get());
            events.publishEvent(new RunFinished(experiment.get(), runId, newStatus));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    private Optional<UUID> experimentOf(UUID runId) {
        return jdbc.sql("SELECT experiment_id FROM run WHERE id = ?").param(runId)
                .query((rs, i) -> rs.getObject(1, UUID.class)).optional();
    }

    private RunView view(ResultSet rs, int i) throws SQLException {
        String outcome = rs.getString("outcome");
        return new RunView(rs.getObject("id", UUID.class), rs.getInt("estimator_index"), rs.getString("estimator"),
                rs.getInt("n"), rs.getLong("seed"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                outcome == null ? null : json.readValue(outcome, RunOutcome.class), rs.getString("error"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static String truncate(String error) {
        return error.length() <= 4000 ? error : error.substring(0, 4000) + "...";
    }
}
