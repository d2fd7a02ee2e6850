package cascade.results;

import cascade.engine.report.Baseline;
import cascade.engine.report.CompletedRun;
import cascade.engine.report.ExperimentReport;
import cascade.engine.report.Reports;
import cascade.engine.report.ResultDocument;
import cascade.engine.RunKey;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.Expectation;
import cascade.experiments.BaselineView;
import cascade.experiments.Baselines;
import cascade.experiments.ExperimentNotFoundException;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import cascade.runs.RunCounts;
import cascade.runs.RunStatus;
import cascade.runs.Runs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.util.ConcurrentLruCache;

/**
 * Front door of the results module: the CONTRACT.md result of an experiment, aggregated from the
 * outcomes of its finished runs (partial while running). The aggregate is recomputed only when the
 * set of finished runs changes; until then the cached one is served. The cache keeps the
 * {@code cascade.results.cache-size} most recently used reports.
 */
@Service
public class Results {

    private final Experiments experiments;
    private final Baselines baselines;
    private final Runs runs;
    private final InstantSource clock;
    /** The last report per (experiment, baseline), bounded; a slot is filled when a report is assembled. */
    private final ConcurrentLruCache<CacheKey, AtomicReference<@Nullable Cached>> cache;

    Results(Experiments experiments, Baselines baselines, Runs runs, InstantSource clock, ResultsProperties properties,
            MeterRegistry meters) {
        this.experiments = experiments;
        this.baselines = baselines;
        this.runs = runs;
        this.clock = clock;
        this.cache = new ConcurrentLruCache<>(properties.cacheSize(), key -> new AtomicReference<>());
        Gauge.builder("cascade.cache.entries", cache, ConcurrentLruCache::size).tag("cache", "result-reports")
                .description("entries in a bounded in-memory cache").register(meters);
        Gauge.builder("cascade.cache.capacity", cache, ConcurrentLruCache::capacity).tag("cache", "result-reports")
                .description("most entries a bounded in-memory cache keeps").register(meters);
    }

    public ResultDocument resultOf(UUID id) {
        ExperimentView view = experiments.get(id);
        List<CompletedRun> completed = completedRuns(id);
        ExperimentSpec spec = experiments.specOf(id);
        boolean comparesWithBaseline = spec.expect().stream()
                .anyMatch(e -> e.against() == Expectation.Against.BASELINE);
        Optional<BaselineView> baseline = comparesWithBaseline ? baselines.find(view.name()) : Optional.empty();
        ExperimentReport report = report(id, spec, completed, baseline.map(BaselineView::experiment).orElse(null));
        Map<String, Double> timings = new LinkedHashMap<>();
        if (view.startedAt() != null) {
            Instant end = view.finishedAt() != null ? view.finishedAt() : clock.instant();
            timings.put("wallSeconds", Duration.between(view.startedAt(), end).toMillis() / 1000.0);
        }
        timings.put("runSeconds", completed.stream()
                .mapToDouble(r -> r.outcome().info().get("wallSeconds") instanceof Number n ? n.doubleValue() : 0)
                .sum());
        return ResultDocument.of(id.toString(), view.status().name(), view.spec(), progress(view.progress()), report,
                timings);
    }

    private static Map<String, Object> progress(RunCounts p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", p.total());
        m.put("queued", p.queued());
        m.put("running", p.running());
        m.put("succeeded", p.succeeded());
        m.put("failed", p.failed());
        m.put("cancelled", p.cancelled());
        m.put("done", p.done());
        m.put("fraction", p.total() == 0 ? 1.0 : (double) p.done() / p.total());
        return m;
    }

    /** The curves as CSV: one row per (estimator, n, metric) with mean, stderr and seed values. */
    public String curvesCsv(UUID id) {
        return CurvesCsv.of(resultOf(id));
    }

    private List<CompletedRun> completedRuns(UUID id) {
        return runs.runsOf(id).stream()
                .filter(r -> r.status() == RunStatus.SUCCEEDED && r.outcome() != null)
                .map(r -> new CompletedRun(new RunKey(r.estimatorIndex(), r.n(), r.seed()), r.outcome()))
                .toList();
    }

    /**
     * The report, recomputed only when the finished runs or the baseline changed. The baseline's
     * values come from its own report without a baseline, so a chain of baselines never recurses.
     */
    private ExperimentReport report(UUID id, ExperimentSpec spec, List<CompletedRun> completed,
            @Nullable UUID baselineId) {
        AtomicReference<@Nullable Cached> slot = cache.get(new CacheKey(id, baselineId));
        Cached cached = slot.get();
        if (cached != null && cached.completedRuns() == completed.size()) {
            return cached.report();
        }
        Baseline baseline = null;
        if (baselineId != null) {
            try {
                baseline = Baseline.of(baselineId.toString(),
                        report(baselineId, experiments.specOf(baselineId), completedRuns(baselineId), null));
            } catch (ExperimentNotFoundException deletedMeanwhile) {
                baseline = null;
            }
        }
        ExperimentReport report = Reports.assemble(spec, completed, baseline);
        slot.set(new Cached(completed.size(), report));
        return report;
    }

    private record CacheKey(UUID experiment, @Nullable UUID baseline) {
    }

    private record Cached(int completedRuns, ExperimentReport report) {
    }
}
