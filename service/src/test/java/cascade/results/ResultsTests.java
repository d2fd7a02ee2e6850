package cascade.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import cascade.TestSpecs;
import cascade.engine.RunOutcome;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.report.ResultDocument;
import cascade.experiments.Baselines;
import cascade.experiments.ExperimentStatus;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import cascade.runs.RunCounts;
import cascade.runs.RunStatus;
import cascade.runs.RunView;
import cascade.runs.Runs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link Results} without a database: the other modules are mocked, the aggregation is the
 * engine's. Shows which runs count, when the cached aggregate is reused, and that the cache
 * stays within cascade.results.cache-size, visible as a metric.
 */
class ResultsTests {

    static final ExperimentSpec SPEC = TestSpecs.tiny("results", 2, 1);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final Experiments experiments = mock(Experiments.class);
    final Runs runs = mock(Runs.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    Results results(int cacheSize) {
        return new Results(experiments, mock(Baselines.class), runs, InstantSource.fixed(START.plusSeconds(10)),
                new ResultsProperties(cacheSize), meters);
    }

    /** An experiment of SPEC whose runs are {@code runs}; returns its id. */
    UUID experiment(List<RunView> list) {
        UUID id = UUID.randomUUID();
        given(experiments.get(id)).willReturn(new ExperimentView(id, "results", List.of(), "t",
                ExperimentStatus.RUNNING, Map.of("name", "results"), new RunCounts(list.size(), 0, 0, list.size(), 0, 0),
                START, START, null));
        given(experiments.specOf(id)).willReturn(SPEC);
        given(runs.runsOf(id)).willReturn(list);
        return id;
    }

    static RunView run(int estimator, int n, RunStatus status, double nmse) {
        RunOutcome outcome = status == RunStatus.SUCCEEDED
                ? new RunOutcome(Map.of("nmse", nmse), null, null, Map.of("wallSeconds", 0.5)) : null;
        return new RunView(UUID.randomUUID(), estimator, estimator == 0 ? "spectral" : "ridge", n, 0, status, 1, null,
                null, outcome, null);
    }

    @Test
    void onlySucceededRunsMakeTheCurvesAndTheirTimeIsSummed() {
        UUID id = experiment(List.of(run(0, 200, RunStatus.SUCCEEDED, 0.8), run(0, 1600, RunStatus.SUCCEEDED, 0.4),
                run(1, 200, RunStatus.FAILED, 0), run(1, 1600, RunStatus.RUNNING, 0)));
        ResultDocument doc = results(10).resultOf(id);
        assertThat(doc.status()).isEqualTo("RUNNING");
        assertThat(doc.curves()).extracting(c -> c.estimator() + "@" + c.n())
                .containsExactly("spectral@200", "spectral@1600");
        assertThat(doc.timings()).containsEntry("runSeconds", 1.0).containsEntry("wallSeconds", 10.0);
    }

    @Test
    void theAggregateIsReusedUntilAnotherRunSucceeds() {
        List<RunView> list = new ArrayList<>(List.of(run(0, 200, RunStatus.SUCCEEDED, 0.8)));
        UUID id = experiment(list);
        Results results = results(10);
        ResultDocument first = results.resultOf(id);
        assertThat(results.resultOf(id).curves()).isSameAs(first.curves());
        list.add(run(0, 1600, RunStatus.SUCCEEDED, 0.4));
        assertThat(results.resultOf(id).curves()).isNotSameAs(first.curves()).hasSize(2);
    }

    @Test
    void theCacheKeepsAtMostCacheSizeAggregates() {
        Results results = results(2);
        for (int i = 0; i < 5; i++) {
            results.resultOf(experiment(List.of(run(0, 200, RunStatus.SUCCEEDED, 0.5))));
        }
        assertThat(meters.get("cascade.cache.entries").tag("cache", "result-reports").gauge().value()).isEqualTo(2);
        assertThat(meters.get("cascade.cache.capacity").tag("cache", "result-reports").gauge().value()).isEqualTo(2);
    }
}
