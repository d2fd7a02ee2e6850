package cascade.cli;

import cascade.engine.Engine;
import cascade.engine.RunControl;
import cascade.engine.RunKey;
import cascade.engine.RunOutcome;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.linalg.Blas;
import cascade.engine.report.Baseline;
import cascade.engine.report.CompletedRun;
import cascade.engine.report.Reports;
import cascade.engine.report.ResultDocument;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecWriter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs every (estimator, n, seed) of a spec in this process, on {@code workers} threads with
 * {@code blasThreads} BLAS threads, and assembles the same result the service would. Progress
 * goes to stderr, one line per finished run.
 */
final class LocalExperiment {

    record Result(ResultDocument document) {
    }

    private final ExperimentSpec spec;
    private final int workers;
    private final int blasThreads;
    private final PrintStream progress;
    private final @Nullable Baseline baseline;
    private final DatasetSource datasets;

    LocalExperiment(ExperimentSpec spec, int workers, int blasThreads, PrintStream progress) {
        this(spec, workers, blasThreads, progress, null, DatasetSource.NONE);
    }

    LocalExperiment(ExperimentSpec spec, int workers, int blasThreads, PrintStream progress,
            @Nullable Baseline baseline, DatasetSource datasets) {
        this.spec = spec;
        this.workers = workers;
        this.blasThreads = blasThreads;
        this.progress = progress;
        this.baseline = baseline;
        this.datasets = datasets;
    }

    Result run() {
        List<RunKey> keys = expand(spec);
        Blas.setThreads(blasThreads);
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        List<CompletedRun> completed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("run-", 0).factory())) {
            List<Future<CompletedRun>> futures = new ArrayList<>();
            for (RunKey key : keys) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    RunOutcome outcome = Engine.run(spec, key, RunControl.NONE, datasets);
                    Double nmse = outcome.metrics().get("nmse");
                    progress.printf("[%3d/%d] %-22s n=%-8d seed=%-3d nmse=%s (%.1fs)%n", done.incrementAndGet(),
                            keys.size(), spec.estimators().get(key.estimator()).name(), key.n(), key.seed(),
                            nmse == null ? "-" : String.format("%.4g", nmse), (System.nanoTime() - t0) / 1e9);
                    return new CompletedRun(key, outcome);
                }));
            }
            for (Future<CompletedRun> f : futures) {
                completed.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double runSeconds = completed.stream()
                .mapToDouble(r -> r.outcome().info().get("wallSeconds") instanceof Number n ? n.doubleValue() : 0).sum();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("wallSeconds", wall);
        timings.put("runSeconds", runSeconds);
        return new Result(ResultDocument.of("local", "SUCCEEDED", SpecWriter.toTree(spec), null,
                Reports.assemble(spec, completed, baseline), timings));
    }

    /** Runs in {@link Engine#schedule} order (seed by seed, largest n first). */
    static List<RunKey> expand(ExperimentSpec spec) {
        return Engine.schedule(spec);
    }
}
