package cascade.experiments;

import cascade.engine.Engine;
import cascade.engine.MemoryEstimate;
import cascade.engine.RunKey;
import cascade.engine.spec.DatasetShape;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.FieldError;
import cascade.engine.spec.InvalidSpecException;
import cascade.engine.spec.SpecParser;
import cascade.engine.spec.SpecWriter;
import cascade.runs.NewRun;
import cascade.runs.RunCounts;
import cascade.runs.RunView;
import cascade.runs.Runs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ConcurrentLruCache;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front door of the experiments module and the only writer of table {@code experiment}: submit
 * (experiment + its runs in one transaction, idempotent per owner and key), find, list (keyset
 * pages), cancel, retry, delete. Runs are the runs module's: this one asks {@link Runs} to enqueue,
 * count, cancel and retry them. The experiment's status is derived from its runs and stored by
 * {@link StatusFromRuns}, which the run queue calls inside its own transactions.
 */
@Service
public class Experiments {

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };

    private final ExperimentRepository repository;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Runs runs;
    private final StatusFromRuns status;
    private final JsonMapper json;
    private final InstantSource clock;
    private final ApplicationEventPublisher events;
    private final ExperimentsProperties properties;
    /** Parsed specs by experiment (specs never change after submission), bounded by spec-cache-size. */
    private final ConcurrentLruCache<UUID, ExperimentSpec> specs;

    Experiments(ExperimentRepository repository, JdbcClient jdbc, TransactionTemplate tx, Runs runs,
            StatusFromRuns status, JsonMapper json, InstantSource clock, ApplicationEventPublisher events,
            ExperimentsProperties properties, MeterRegistry meters) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.tx = tx;
        this.runs = runs;
        this.status = status;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.properties = properties;
        this.specs = new ConcurrentLruCache<>(properties.specCacheSize(), id -> SpecParser.parse(get(id).spec()));
        Gauge.builder("cascade.cache.entries", specs, ConcurrentLruCache::size).tag("cache", "experiment-specs")
                .description("entries in a bounded in-memory cache").register(meters);
        Gauge.builder("cascade.cache.capacity", specs, ConcurrentLruCache::capacity).tag("cache", "experiment-specs")
                .description("most entries a bounded in-memory cache keeps").register(meters);
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
        long total = runCount(spec);
        if (total > properties.maxRuns()) {
            throw new InvalidSpecException(List.of(new FieldError("sweep", "the spec expands into " + total
                    + " runs (estimators x n x seeds), more than the limit of " + properties.maxRuns())));
        }
        MemoryEstimate.requireFits(spec, properties.memoryBudget().toBytes(), dataset);
        UUID id = UUID.randomUUID();
        try {
            tx.executeWithoutResult(status -> {
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                repository.saveAndFlush(new ExperimentEntity(id, spec.name(), spec.tags().toArray(String[]::new), owner,
                        json.writeValueAsString(SpecWriter.toTree(spec)), idempotencyKey, (int) total, now));
                runs.enqueue(id, runsOf(spec), properties.maxAttempts(), now);
                events.publishEvent(new ExperimentSubmitted(id, (int) total));
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
     * One run per (estimator, n, seed), in {@link Engine#schedule} order, which the queue claims them
     * in: seed by seed, largest n first (long runs start early and a seed's samples are drawn once).
     */
    private static List<NewRun> runsOf(ExperimentSpec spec) {
        List<NewRun> runs = new ArrayList<>();
        for (RunKey key : Engine.schedule(spec)) {
            runs.add(new NewRun(key.estimator(), spec.estimators().get(key.estimator()).name(), key.n(), key.seed()));
        }
        return runs;
    }

    public Optional<ExperimentView> find(UUID id) {
        List<ExperimentView> views = query("WHERE e.id = ?", List.of(id), 1);
        return views.stream().findFirst();
    }

    /** The experiment, or {@link ExperimentNotFoundException}. */
    public ExperimentView get(UUID id) {
        return find(id).orElseThrow(() -> new ExperimentNotFoundException(id));
    }

    /** Every run of the experiment, ordered by (estimator, n, seed); {@link ExperimentNotFoundException} if none. */
    public List<RunView> runsOf(UUID id) {
        get(id);
        return runs.runsOf(id);
    }

    /** The spec as stored, parsed (cached: specs never change after submission). */
    public ExperimentSpec specOf(UUID id) {
        return specs.get(id);
    }

    /**
     * For per-owner quotas: takes a transaction-scoped advisory lock on the owner, so quota checks
     * and submissions of one owner are serialised until the surrounding transaction ends, then
     * counts the owner's QUEUED and RUNNING runs. Only a QUEUED or RUNNING experiment has such
     * runs (its stored status is derived from them under its row lock), so only those are asked.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long lockOwnerAndCountActiveRuns(String owner) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('cascade.owner:' || ?))").param(owner)
                .query((rs, i) -> 1).list();
        List<UUID> active = jdbc.sql("SELECT id FROM experiment WHERE owner = ? AND status IN (?, ?)")
                .params(owner, ExperimentStatus.QUEUED.name(), ExperimentStatus.RUNNING.name())
                .query(UUID.class).list();
        return runs.countActive(active);
    }

    /**
     * Experiments on the dataset with a run still queued or running, oldest first (a dataset in
     * use cannot be deleted).
     */
    public List<UUID> activeOnDataset(String datasetId) {
        List<UUID> named = jdbc.sql("""
                SELECT id FROM experiment
                WHERE spec -> 'teacher' ->> 'kind' = 'dataset' AND spec -> 'teacher' ->> 'id' = ?
                ORDER BY created_at""").param(datasetId).query(UUID.class).list();
        return runs.withActiveRuns(named);
    }

    /** Newest first, filtered, in pages of {@code limit} (1..200) after the opaque cursor. */
    public ExperimentPage list(ExperimentQuery q) {
        if (q.limit() < 1 || q.limit() > 200) {
            throw new InvalidQueryException("limit", "must be between 1 and 200");
        }
        StringBuilder where = new StringBuilder("WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            where.append(" AND e.status = ?");
            args.add(q.status().name());
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
        ExperimentStatus current = lock(id);
        if (current == ExperimentStatus.SUCCEEDED || current == ExperimentStatus.FAILED) {
            throw new ExperimentStateException("experiment " + id + " is " + current + ": nothing to cancel");
        }
        Instant now = clock.instant();
        runs.cancelAll(id, now);
        jdbc.sql("UPDATE experiment SET status = ?, finished_at = ? WHERE id = ?")
                .params(ExperimentStatus.CANCELLED.name(), Timestamp.from(now), id).update();
        return get(id);
    }

    /** Re-queues failed and cancelled runs with fresh attempts. */
    @Transactional
    public ExperimentView retry(UUID id) {
        lock(id);
        Instant now = clock.instant();
        int requeued = runs.retryAll(id, now);
        if (requeued == 0) {
            throw new ExperimentStateException("experiment " + id + " has no failed or cancelled runs to retry");
        }
        jdbc.sql("UPDATE experiment SET finished_at = NULL WHERE id = ?").param(id).update();
        status.runsChanged(id, runs.counts(id), now);
        events.publishEvent(new ExperimentSubmitted(id, requeued));
        return get(id);
    }

    /**
     * Deletes the experiment; its runs go with it (the run table's foreign key cascades), and
     * workers still on one lose their lease at the next heartbeat.
     */
    @Transactional
    public void delete(UUID id) {
        lock(id);
        jdbc.sql("DELETE FROM experiment WHERE id = ?").param(id).update();
        specs.remove(id);
    }

    private ExperimentStatus lock(UUID id) {
        return status.lockedStatus(id).orElseThrow(() -> new ExperimentNotFoundException(id));
    }

    private List<ExperimentView> query(String where, List<Object> args, int limit) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        List<Row> rows = jdbc.sql("""
                SELECT e.id, e.name, e.tags, e.owner, e.status, e.spec::text AS spec, e.created_at, e.started_at,
                       e.finished_at, e.runs_total
                FROM experiment e""" + " " + where + " ORDER BY e.created_at DESC, e.id DESC LIMIT ?")
                .params(all).query(Experiments::row).list();
        Map<UUID, RunCounts> progress = runs.counts(rows.stream().map(Row::id).toList());
        return rows.stream().map(r -> new ExperimentView(r.id(), r.name(), r.tags(), r.owner(), r.status(),
                json.readValue(r.spec(), TREE), progress.getOrDefault(r.id(), new RunCounts(r.total(), 0, 0, 0, 0, 0)),
                r.createdAt(), r.startedAt(), r.finishedAt())).toList();
    }

    private record Row(UUID id, String name, List<String> tags, String owner, ExperimentStatus status, String spec,
            Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, int total) {
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Row(rs.getObject("id", UUID.class), rs.getString("name"),
                tags == null ? List.of() : List.of((String[]) tags.getArray()), rs.getString("owner"),
                ExperimentStatus.valueOf(rs.getString("status")), rs.getString("spec"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getInt("runs_total"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
