package cascade.results;

import cascade.engine.report.CompletedRun;
import cascade.engine.report.ExperimentReport;
import cascade.engine.report.Reports;
import cascade.engine.report.ResultDocument;
import cascade.engine.RunKey;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import cascade.experiments.Progress;
import cascade.runs.RunQueue;
import cascade.runs.RunView;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Front door of the results module: the CONTRACT.md result of an experiment, aggregated from the
 * outcomes of its finished runs (partial while running). The aggregate is recomputed only when the
 * set of finished runs changes; until then the cached one is served.
 */
@Service
public class Results {

    private final Experiments experiments;
    private final RunQueue runs;
    private final InstantSource clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    Results(Experiments experiments, RunQueue runs, InstantSource clock) {
        this.experiments = experiments;
        this.runs = runs;
        this.clock = clock;
    }

    public ResultDocument resultOf(UUID id) {
        ExperimentView view = experiments.get(id);
        List<RunView> all = runs.runsOf(id);
        List<CompletedRun> completed = all.stream()
                .filter(r -> r.status().equals("SUCCEEDED") && r.outcome() != null)
                .map(r -> new CompletedRun(new RunKey(r.estimatorIndex(), r.n(), r.seed()), r.outcome()))
                .toList();
        ExperimentReport report = report(id, view, completed);
        Map<String, Double> timings = new LinkedHashMap<>();
        if (view.startedAt() != null) {
            Instant end = view.finishedAt() != null ? view.finishedAt() : clock.instant();
            timings.put("wallSeconds", Duration.between(view.startedAt(), end).toMillis() / 1000.0);
        }
        timings.put("runSeconds", completed.stream()
                .mapToDouble(r -> r.outcome().info().get("wallSeconds") instanceof Number n ? n.doubleValue() : 0)
                .sum());
        return ResultDocument.of(id.toString(), view.status(), view.spec(), progress(view.progress()), report, timings);
    }

    private static Map<String, Object> progress(Progress p) {
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

    private ExperimentReport report(UUID id, ExperimentView view, List<CompletedRun> completed) {
        Cached cached = cache.get(id);
        if (cached != null && cached.completedRuns() == completed.size()) {
            return cached.report();
        }
        ExperimentSpec spec = SpecParser.parse(view.spec());
        ExperimentReport report = Reports.assemble(spec, completed);
        cache.put(id, new Cached(completed.size(), report));
        return report;
    }

    private record Cached(int completedRuns, ExperimentReport report) {
    }
}
