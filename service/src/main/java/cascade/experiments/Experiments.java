package cascade.experiments;

import cascade.engine.Engine;
import cascade.engine.RunKey;
import cascade.engine.MemoryEstimate;
import cascade.engine.spec.DatasetShape;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.FieldError;
import cascade.engine.spec.InvalidSpecException;
import cascade.engine.spec.SpecParser;
import cascade.engine.spec.SpecWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front door of the experiments module: submit (experiment + its runs in one transaction,
 * idempotent per owner and key), find, list (keyset pages), cancel, retry, delete. The experiment's
 * status is derived from its runs; {@link #lock} and {@link #refreshStatus} let the run queue keep
 * it current inside its own short transactions.
 */
@Service
public class Experiments {

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };

    private final ExperimentRepository repository;
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final InstantSource clock;
    private final ApplicationEventPublisher events;
    private final ExperimentsProperties properties;
    private final Map<UUID, ExperimentSpec> specs = new ConcurrentHashMap<>();

    Experiments(ExperimentRepository repository, JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx,
            JsonMapper json, InstantSource clock, ApplicationEventPublisher events, ExperimentsProperties properties) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.properties = properties;
    }

    /**
     * The experiment this owner already submitted with this idempotency key, if any: a replay
     * returns it whatever limits say now.
     */
    public Optional<Submission> replay(String owner, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return repository.findByOwnerAndIdempotencyKey(owner, idempotencyKey)
                .map(earlier -> new Submission(get(earlier.id()), false));
    }

    /**
     * Stores the experiment and one QUEUED run per (estimator, n, seed) in one transaction. With an
     * idempotency key, a repeated submission by the same owner returns the first experiment. A spec
     * whose largest run would not fit the memory budget is refused
     * ({@link cascade.engine.MemoryBudgetExceededException}) before anything is stored; for a
     * dataset teacher, {@code dataset} is the stored dataset's shape the estimate needs.
     */
    public Submission submit(ExperimentSpec spec, String owner, @Nullable String idempotencyKey,
            @Nullable DatasetShape dataset) {
        Optional<Submission> replay = replay(owner, idempotencyKey);
        if (replay.isPresent()) {
            return replay.get();
        }
        long runs = runCount(spec);
        if (runs > properties.maxRuns()) {
            throw new InvalidSpecException(List.of(new FieldError("sweep", "the spec expands into " + runs
                    + " runs (estimators x n x seeds), more than the limit of " + properties.maxRuns())));
        }
        MemoryEstimate.requireFits(spec, properties.memoryBudget().toBytes(), dataset);
        UUID id = UUID.randomUUID();
        try {
            tx.executeWithoutResult(status -> {
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                repository.saveAndFlush(new ExperimentEntity(id, spec.name(), spec.tags().toArray(String[]::new), owner,
                        json.writeValueAsString(SpecWriter.toTree(spec)), idempotencyKey, (int) runs, now));
                insertRuns(id, spec, now);
                events.publishEvent(new ExperimentSubmitted(id, (int) runs));
            });
        } catch (DataIntegrityViolationException race) {
            if (idempotencyKey != null) {
                Optional<ExperimentEntity> winner = repository.findByOwnerAndIdempotencyKey(owner, idempotencyKey);
                if (winner.isPresent()) {
                    return new Submission(get(winner.get().id()), false);
                }
            }
            throw race;
        }
        return new Submission(get(id), true);
    }

    /** {@link #submit(ExperimentSpec, String, String, DatasetShape)} for a synthetic teacher. */
    public Submission submit(ExperimentSpec spec, String owner, @Nullable String idempotencyKey) {
        return submit(spec, owner, idempotencyKey, null);
    }

    /** Runs a spec expands into: estimators x n x seeds, in long arithmetic (no list size can wrap it). */
    static long runCount(ExperimentSpec spec) {
        return (long) spec.estimators().size() * spec.sweep().n().size() * spec.sweep().seeds().size();
    }

    /**
     * One row per run; priority is the run's place in {@link Engine#schedule} (seed by seed, largest
     * n first: long runs start early and a seed's samples are drawn once), interleaving experiments.
     */
    private void insertRuns(UUID experiment, ExperimentSpec spec, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        int priority = 0;
        for (RunKey key : Engine.schedule(spec)) {
            rows.add(new Object[] {UUID.randomUUID(), experiment, key.estimator(),
                    spec.estimators().get(key.estimator()).name(), key.n(), key.seed(), priority++,
                    properties.maxAttempts(), Timestamp.from(now), Timestamp.from(now)});
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO run (id, experiment_id, estimator_index, estimator, n, seed, status, priority,
                                 max_attempts, available_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?)""", rows);
    }

    public Optional<ExperimentView> find(UUID id) {
        List<ExperimentView> views = query("WHERE e.id = ?", List.of(id), 1);
        return views.stream().findFirst();
    }

    /** The experiment, or {@link ExperimentNotFoundException}. */
    public ExperimentView get(UUID id) {
        return find(id).orElseThrow(() -> new ExperimentNotFoundException(id));
    }

    /** The spec as stored, parsed (cached: specs never change after submission). */
    public ExperimentSpec specOf(UUID id) {
        return specs.computeIfAbsent(id, k -> SpecParser.parse(get(k).spec()));
    }

    /**
     * For per-owner quotas: takes a transaction-scoped advisory lock on the owner, so quota checks
     * and submissions of one owner are serialised until the surrounding transaction ends, then
     * counts the owner's QUEUED and RUNNING runs.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long lockOwnerAndCountActiveRuns(String owner) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('cascade.owner:' || ?))").param(owner)
                .query((rs, i) -> 1).list();
        return jdbc.sql("""
                SELECT count(*) FROM run r JOIN experiment e ON e.id = r.experiment_id
                WHERE e.owner = ? AND r.status IN ('QUEUED', 'RUNNING')""")
                .param(owner).query(Long.class).single();
    }

    /** Newest first, filtered, in pages of {@code limit} (1..200) after the opaque cursor. */
    public ExperimentPage list(ExperimentQuery q) {
        if (q.limit() < 1 || q.limit() > 200) {
            throw new InvalidQueryException("limit", "must be between 1 and 200");
        }
        StringBuilder where = new StringBuilder("WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            try {
                ExperimentStatus.valueOf(q.status());
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("status", "must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED");
            }
            where.append(" AND e.status = ?");
            args.add(q.status());
        }
        if (q.tag() != null) {
            where.append(" AND ? = ANY(e.tags)");
            args.add(q.tag());
        }
        if (q.name() != null) {
            where.append(" AND e.name ILIKE ? ESCAPE '\\'");
            args.add("%" + q.name().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.cursor() != null) {
            Cursor c = Cursor.decode(q.cursor());
            where.append(" AND (e.created_at, e.id) < (?, ?)");
            args.add(Timestamp.from(c.createdAt()));
            args.add(c.id());
        }
        List<ExperimentView> rows = query(where.toString(), args, q.limit() + 1);
        String next = null;
        if (rows.size() > q.limit()) {
            rows = rows.subList(0, q.limit());
            ExperimentView last = rows.get(rows.size() - 1);
            next = new Cursor(last.createdAt(), last.id()).encode();
        }
        return new ExperimentPage(List.copyOf(rows), next);
    }

    /** Cancels queued and running runs; running ones stop at their next checkpoint. */
    @Transactional
    public ExperimentView cancel(UUID id) {
        ExperimentStatus status = lock(id);
        if (status == ExperimentStatus.SUCCEEDED || status == ExperimentStatus.FAILED) {
            throw new ExperimentStateException("experiment " + id + " is " + status + ": nothing to cancel");
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE run SET status = 'CANCELLED', leased_by = NULL, lease_until = NULL, finished_at = ?
                WHERE id IN (SELECT id FROM run WHERE experiment_id = ? AND status IN ('QUEUED', 'RUNNING')
                             ORDER BY id FOR UPDATE)""").params(now, id).update();
        jdbc.sql("UPDATE experiment SET status = 'CANCELLED', finished_at = ? WHERE id = ?").params(now, id).update();
        return get(id);
    }

    /** Re-queues failed and cancelled runs with fresh attempts. */
    @Transactional
    public ExperimentView retry(UUID id) {
        lock(id);
        Timestamp now = Timestamp.from(clock.instant());
        int requeued = jdbc.sql("""
                UPDATE run SET status = 'QUEUED', attempts = 0, available_at = ?, error = NULL,
                               started_at = NULL, finished_at = NULL
                WHERE experiment_id = ? AND status IN ('FAILED', 'CANCELLED')""").params(now, id).update();
        if (requeued == 0) {
            throw new ExperimentStateException("experiment " + id + " has no failed or cancelled runs to retry");
        }
        jdbc.sql("UPDATE experiment SET finished_at = NULL WHERE id = ?").param(id).update();
        refreshStatus(id);
        events.publishEvent(new ExperimentSubmitted(id, requeued));
        return get(id);
    }

    /** Deletes the experiment with its runs; workers still on a run lose their lease at the next heartbeat. */
    @Transactional
    public void delete(UUID id) {
        lock(id);
        jdbc.sql("DELETE FROM experiment WHERE id = ?").param(id).update();
        specs.remove(id);
    }

    /**
     * Locks the experiment row for the surrounding transaction, so status changes of its runs are
     * serialised and each sees the counts the previous one committed. Returns the current status.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ExperimentStatusSnapshot lockForRunUpdate(UUID id) {
        return new ExperimentStatusSnapshot(lock(id).name());
    }

    /** The status of an experiment as its run queue sees it. */
    public record ExperimentStatusSnapshot(String status) {
    }

    private ExperimentStatus lock(UUID id) {
        return jdbc.sql("SELECT status FROM experiment WHERE id = ? FOR UPDATE").param(id)
                .query((rs, i) -> ExperimentStatus.valueOf(rs.getString(1))).optional()
                .orElseThrow(() -> new ExperimentNotFoundException(id));
    }

    /**
     * Re-derives the experiment's status from its runs (inside the caller's transaction, after
     * {@link #lockForRunUpdate}): QUEUED before any run started, RUNNING while runs are queued or
     * running, then SUCCEEDED, FAILED (some run failed) or CANCELLED.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refreshStatus(UUID id) {
        Progress p = progress(List.of(id)).getOrDefault(id, new Progress(0, 0, 0, 0, 0, 0));
        ExperimentStatus current = lock(id);
        ExperimentStatus next;
        int active = p.queued() + p.running();
        if (active == 0) {
            next = p.failed() > 0 ? ExperimentStatus.FAILED
                    : p.cancelled() > 0 ? ExperimentStatus.CANCELLED : ExperimentStatus.SUCCEEDED;
        } else if (current == ExperimentStatus.CANCELLED && p.queued() == 0) {
            next = ExperimentStatus.CANCELLED;
        } else {
            next = p.running() > 0 || p.done() > 0 ? ExperimentStatus.RUNNING : ExperimentStatus.QUEUED;
        }
        if (!current.canMoveTo(next)) {
            throw new IllegalStateException("experiment " + id + " cannot move from " + current + " to " + next);
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE experiment SET status = ?,
                    started_at = CASE WHEN ? THEN COALESCE(started_at, ?) ELSE started_at END,
                    finished_at = CASE WHEN ? THEN COALESCE(finished_at, ?) ELSE NULL END
                WHERE id = ?""")
                .params(next.name(), next != ExperimentStatus.QUEUED, now, next.isTerminal(), now, id).update();
    }

    private List<ExperimentView> query(String where, List<Object> args, int limit) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        List<Row> rows = jdbc.sql("""
                SELECT e.id, e.name, e.tags, e.owner, e.status, e.spec::text AS spec, e.created_at, e.started_at,
                       e.finished_at, e.runs_total
                FROM experiment e""" + " " + where + " ORDER BY e.created_at DESC, e.id DESC LIMIT ?")
                .params(all).query(Experiments::row).list();
        Map<UUID, Progress> progress = progress(rows.stream().map(Row::id).toList());
        return rows.stream().map(r -> new ExperimentView(r.id(), r.name(), r.tags(), r.owner(), r.status(),
                json.readValue(r.spec(), TREE), progress.getOrDefault(r.id(), new Progress(r.total(), 0, 0, 0, 0, 0)),
                r.createdAt(), r.startedAt(), r.finishedAt())).toList();
    }

    private record Row(UUID id, String name, List<String> tags, String owner, String status, String spec,
            Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, int total) {
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Row(rs.getObject("id", UUID.class), rs.getString("name"),
                tags == null ? List.of() : List.of((String[]) tags.getArray()), rs.getString("owner"),
                rs.getString("status"), rs.getString("spec"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getInt("runs_total"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private Map<UUID, Progress> progress(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, int[]> counts = new HashMap<>();
        jdbc.sql("""
                SELECT experiment_id, status, count(*) FROM run WHERE experiment_id = ANY(?)
                GROUP BY experiment_id, status""")
                .param(ids.toArray(UUID[]::new))
                .query(rs -> {
                    int[] c = counts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new int[5]);
                    c[ExperimentStatus.valueOf(rs.getString(2)).ordinal()] += rs.getInt(3);
                });
        Map<UUID, Progress> out = new LinkedHashMap<>();
        counts.forEach((id, c) -> out.put(id, new Progress(c[0] + c[1] + c[2] + c[3] + c[4],
                c[ExperimentStatus.QUEUED.ordinal()], c[ExperimentStatus.RUNNING.ordinal()],
                c[ExperimentStatus.SUCCEEDED.ordinal()], c[ExperimentStatus.FAILED.ordinal()],
                c[ExperimentStatus.CANCELLED.ordinal()])));
        return out;
    }

    /** Keyset position (created_at, id), encoded as opaque URL-safe base64. */
    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new InvalidQueryException("cursor", "is not a cursor this service issued");
            }
        }
    }
}
