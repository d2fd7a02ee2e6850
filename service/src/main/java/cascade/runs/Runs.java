package cascade.runs;

import cascade.engine.RunOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front door of the run table for everyone but the workers: enqueue an experiment's runs, count
 * them, cancel and retry them, list them. The experiments module calls the writing methods inside
 * its own transaction, holding the experiment's row lock (hence {@code MANDATORY}); workers use
 * {@link RunQueue}. Status values in the SQL come from {@link RunMove}.
 */
@Service
public class Runs {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    Runs(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /**
     * Inserts one QUEUED run per entry, available at {@code now}; runs are claimed in list order
     * (the priority column), across experiments.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(UUID experimentId, List<NewRun> runs, int maxAttempts, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        int priority = 0;
        for (NewRun run : runs) {
            rows.add(new Object[] {UUID.randomUUID(), experimentId, run.estimatorIndex(), run.estimator(), run.n(),
                    run.seed(), priority++, maxAttempts, Timestamp.from(now), Timestamp.from(now)});
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO run (id, experiment_id, estimator_index, estimator, n, seed, status, priority,
                                 max_attempts, available_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, %s, ?, ?, ?, ?)""".formatted(RunMove.literal(RunStatus.QUEUED)), rows);
    }

    /** QUEUED and RUNNING runs of the experiment become CANCELLED, finished at {@code now}; returns how many. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int cancelAll(UUID experimentId, Instant now) {
        return jdbc.sql("""
                UPDATE run SET status = %s, leased_by = NULL, lease_until = NULL, finished_at = ?
                WHERE id IN (SELECT id FROM run WHERE experiment_id = ? AND status IN (%s)
                             ORDER BY id FOR UPDATE)""".formatted(RunMove.CANCEL.to(), RunMove.CANCEL.from()))
                .params(Timestamp.from(now), experimentId).update();
    }

    /**
     * FAILED and CANCELLED runs of the experiment go back to the queue with fresh attempts, available
     * at {@code now}; returns how many.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int retryAll(UUID experimentId, Instant now) {
        return jdbc.sql("""
                UPDATE run SET status = %s, attempts = 0, available_at = ?, error = NULL,
                               started_at = NULL, finished_at = NULL
                WHERE experiment_id = ? AND status IN (%s)""".formatted(RunMove.RETRY.to(), RunMove.RETRY.from()))
                .params(Timestamp.from(now), experimentId).update();
    }

    /** Run counts of one experiment ({@link RunCounts#NONE} when it has no runs). */
    public RunCounts counts(UUID experimentId) {
        return counts(List.of(experimentId)).getOrDefault(experimentId, RunCounts.NONE);
    }

    /** Run counts by experiment; experiments without runs are absent. */
    public Map<UUID, RunCounts> counts(Collection<UUID> experimentIds) {
        if (experimentIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, int[]> counts = new HashMap<>();
        jdbc.sql("""
                SELECT experiment_id, status, count(*) FROM run WHERE experiment_id = ANY(?)
                GROUP BY experiment_id, status""")
                .param(experimentIds.toArray(UUID[]::new))
                .query(rs -> {
                    int[] c = counts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new int[RunStatus.values().length]);
                    c[RunStatus.valueOf(rs.getString(2)).ordinal()] += rs.getInt(3);
                });
        Map<UUID, RunCounts> out = new LinkedHashMap<>();
        counts.forEach((id, c) -> out.put(id, RunCounts.of(c)));
        return out;
    }

    /** QUEUED plus RUNNING runs over these experiments (for queue quotas). */
    public long countActive(Collection<UUID> experimentIds) {
        if (experimentIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT count(*) FROM run WHERE experiment_id = ANY(?) AND status IN (%s)"
                .formatted(RunMove.active())).param(experimentIds.toArray(UUID[]::new)).query(Long.class).single();
    }

    /** Those of the experiments, in the given order, that have a QUEUED or RUNNING run. */
    public List<UUID> withActiveRuns(List<UUID> experimentIds) {
        if (experimentIds.isEmpty()) {
            return List.of();
        }
        Set<UUID> active = new LinkedHashSet<>(jdbc.sql("""
                SELECT DISTINCT experiment_id FROM run WHERE experiment_id = ANY(?) AND status IN (%s)"""
                .formatted(RunMove.active())).param(experimentIds.toArray(UUID[]::new)).query(UUID.class).list());
        return experimentIds.stream().filter(active::contains).toList();
    }

    /** Every run of an experiment, ordered by (estimator, n, seed). */
    public List<RunView> runsOf(UUID experimentId) {
        return jdbc.sql("""
                SELECT id, estimator_index, estimator, n, seed, status, attempts, started_at, finished_at,
                       outcome::text AS outcome, error
                FROM run WHERE experiment_id = ? ORDER BY estimator_index, n, seed""")
                .param(experimentId).query(this::view).list();
    }

    /** Number of runs by status, over all experiments (for metrics); every status is present. */
    public Map<RunStatus, Long> countsByStatus() {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        for (RunStatus s : RunStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM run GROUP BY status")
                .query(rs -> {
                    counts.put(RunStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    private RunView view(ResultSet rs, int i) throws SQLException {
        String outcome = rs.getString("outcome");
        return new RunView(rs.getObject("id", UUID.class), rs.getInt("estimator_index"), rs.getString("estimator"),
                rs.getInt("n"), rs.getLong("seed"), RunStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                outcome == null ? null : json.readValue(outcome, RunOutcome.class), rs.getString("error"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
