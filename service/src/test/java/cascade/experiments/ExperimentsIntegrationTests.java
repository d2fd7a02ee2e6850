package cascade.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.TestClockConfiguration;
import cascade.TestSchema;
import cascade.TestSpecs;
import cascade.engine.RunOutcome;
import cascade.runs.ClaimedRun;
import cascade.runs.RunCounts;
import cascade.runs.RunQueue;
import cascade.runs.RunStatus;
import cascade.runs.RunView;
import cascade.runs.Runs;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The experiments front door against real PostgreSQL (workers off): submission expands into runs
 * and is idempotent, cancel, retry and delete act on the runs through the runs module, the status
 * follows the runs, quotas count an owner's active runs, and the spec cache is bounded.
 */
@Import(TestClockConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"cascade.jobs.enabled=false", "cascade.experiments.spec-cache-size=2"})
@TestSchema("it_experiments")
class ExperimentsIntegrationTests {

    @Autowired
    Experiments experiments;
    @Autowired
    Runs runs;
    @Autowired
    RunQueue queue;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    long activeRuns(String owner) {
        Long n = tx.execute(status -> experiments.lockOwnerAndCountActiveRuns(owner));
        return n == null ? -1 : n;
    }

    ExperimentView submit(String name, String owner) {
        return experiments.submit(TestSpecs.tiny(name, 2, 1), owner, null).experiment();
    }

    @Test
    void idempotentSubmissionReturnsTheFirstExperiment() throws Exception {
        var first = experiments.submit(TestSpecs.tiny("idem", 2, 1), "t", "key-1");
        var again = experiments.submit(TestSpecs.tiny("idem", 2, 1), "t", "key-1");
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.experiment().id()).isEqualTo(first.experiment().id());
        // Concurrent double submit with a fresh key: exactly one experiment.
        Set<UUID> ids = Collections.synchronizedSet(new HashSet<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                fs.add(pool.submit(() -> ids.add(experiments.submit(TestSpecs.tiny("idem", 2, 1), "t", "key-2")
                        .experiment().id())));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM run").query(Integer.class).single()).isEqualTo(2 * 2 * 2);
    }

    @Test
    void aSubmissionIsQueuedWithOneRunPerEstimatorSizeAndSeed() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("expand", 3, 2), "t", null).experiment();
        assertThat(e.status()).isEqualTo(ExperimentStatus.QUEUED);
        assertThat(e.progress()).isEqualTo(new RunCounts(2 * 3 * 2, 2 * 3 * 2, 0, 0, 0, 0));
        assertThat(runs.runsOf(e.id())).hasSize(12).extracting(RunView::status).containsOnly(RunStatus.QUEUED);
        assertThat(experiments.specOf(e.id())).isEqualTo(TestSpecs.tiny("expand", 3, 2));
    }

    @Test
    void cancelStopsEveryActiveRunAndRetryQueuesThemAgain() {
        ExperimentView e = submit("cancel", "t");
        queue.claimNext("w").orElseThrow();
        ExperimentView cancelled = experiments.cancel(e.id());
        assertThat(cancelled.status()).isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isNotNull();
        assertThat(runs.counts(e.id())).isEqualTo(new RunCounts(4, 0, 0, 0, 0, 4));
        ExperimentView retried = experiments.retry(e.id());
        assertThat(retried.status()).isEqualTo(ExperimentStatus.QUEUED);
        assertThat(retried.finishedAt()).isNull();
        assertThat(runs.counts(e.id())).isEqualTo(new RunCounts(4, 4, 0, 0, 0, 0));
        assertThatThrownBy(() -> experiments.retry(e.id())).isInstanceOf(ExperimentStateException.class)
                .hasMessageContaining("no failed or cancelled runs");
    }

    @Test
    void aFinishedExperimentCannotBeCancelled() {
        ExperimentView e = submit("finished", "t");
        Optional<ClaimedRun> run;
        while ((run = queue.claimNext("w")).isPresent()) {
            queue.succeed(run.get().id(), "w", new RunOutcome(Map.of("nmse", 0.5), null, null, Map.of()));
        }
        assertThat(experiments.get(e.id()).status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThatThrownBy(() -> experiments.cancel(e.id())).isInstanceOf(ExperimentStateException.class)
                .hasMessageContaining("is SUCCEEDED: nothing to cancel");
        assertThatThrownBy(() -> experiments.cancel(UUID.randomUUID())).isInstanceOf(ExperimentNotFoundException.class);
    }

    @Test
    void deletingAnExperimentDeletesItsRuns() {
        ExperimentView e = submit("delete", "t");
        experiments.delete(e.id());
        assertThat(runs.runsOf(e.id())).isEmpty();
        assertThat(experiments.find(e.id())).isEmpty();
        assertThatThrownBy(() -> experiments.specOf(e.id())).isInstanceOf(ExperimentNotFoundException.class);
    }

    @Test
    void anOwnersActiveRunsAreCountedAcrossItsExperiments() {
        submit("a1", "alice");
        ExperimentView a2 = submit("a2", "alice");
        submit("b1", "bob");
        assertThat(activeRuns("alice")).isEqualTo(8);
        experiments.cancel(a2.id());
        assertThat(activeRuns("alice")).isEqualTo(4);
        assertThat(activeRuns("carol")).isZero();
    }

    @Test
    void theSpecCacheKeepsAtMostSpecCacheSizeSpecs() {
        for (int i = 0; i < 4; i++) {
            experiments.specOf(submit("cached-" + i, "t").id());
        }
        assertThat(meters.get("cascade.cache.entries").tag("cache", "experiment-specs").gauge().value()).isEqualTo(2);
        assertThat(meters.get("cascade.cache.capacity").tag("cache", "experiment-specs").gauge().value()).isEqualTo(2);
    }
}
