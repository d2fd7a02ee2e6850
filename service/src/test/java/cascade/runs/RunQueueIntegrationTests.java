package cascade.runs;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.MutableClock;
import cascade.TestClockConfiguration;
import cascade.TestSchema;
import cascade.TestSpecs;
import cascade.engine.RunOutcome;
import cascade.experiments.ExperimentStatus;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import java.time.Duration;
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

/** The run table as a queue, against real PostgreSQL, with a clock that moves only when told. */
@Import(TestClockConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"cascade.jobs.enabled=false", "cascade.runs.lease=30s", "cascade.runs.backoff=10s"})
@TestSchema("it_run_queue")
class RunQueueIntegrationTests {

    @Autowired
    RunQueue queue;
    @Autowired
    Runs runs;
    @Autowired
    Experiments experiments;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    static RunOutcome outcome(double nmse) {
        return new RunOutcome(Map.of("nmse", nmse), null, null, Map.of());
    }

    @Test
    void claimsLargestNFirstAndEachRunOnce() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("claims", 3, 2), "t", null).experiment();
        assertThat(e.progress().total()).isEqualTo(2 * 3 * 2);
        List<ClaimedRun> claimed = new ArrayList<>();
        Optional<ClaimedRun> c;
        while ((c = queue.claimNext("w1")).isPresent()) {
            claimed.add(c.get());
        }
        assertThat(claimed).hasSize(12);
        assertThat(claimed.stream().map(ClaimedRun::id).distinct()).hasSize(12);
        assertThat(claimed.get(0).n()).isEqualTo(1600);
        assertThat(claimed.get(11).n()).isEqualTo(200);
        assertThat(experiments.get(e.id()).status()).isEqualTo(ExperimentStatus.RUNNING);
    }

    @Test
    void concurrentClaimersNeverShareARun() throws Exception {
        experiments.submit(TestSpecs.tiny("race", 8, 5), "t", null);
        List<UUID> all = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                futures.add(pool.submit(() -> {
                    Optional<ClaimedRun> c;
                    while ((c = queue.claimNext(worker)).isPresent()) {
                        all.add(c.get().id());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(all).hasSize(2 * 8 * 5).doesNotHaveDuplicates();
    }

    @Test
    void heartbeatExtendsLeaseAndReportsRunsNoLongerOurs() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("heartbeat", 1, 1), "t", null).experiment();
        ClaimedRun a = queue.claimNext("w1").orElseThrow();
        ClaimedRun b = queue.claimNext("w1").orElseThrow();
        clock.advance(Duration.ofSeconds(20));
        assertThat(queue.heartbeat("w1", List.of(a.id(), b.id()))).isEmpty();
        clock.advance(Duration.ofSeconds(20)); // 40 s after claim, 20 s after the heartbeat: still leased
        assertThat(queue.reapExpired()).isZero();
        experiments.cancel(e.id());
        assertThat(queue.heartbeat("w1", List.of(a.id(), b.id()))).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(queue.heartbeat("someone-else", List.of(a.id()))).containsExactly(a.id());
    }

    @Test
    void expiredLeasesAreReapedAndTheRunIsClaimedAgain() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("reap", 1, 1), "t", null).experiment();
        ClaimedRun first = queue.claimNext("dead-worker").orElseThrow();
        queue.claimNext("dead-worker").orElseThrow();
        clock.advance(Duration.ofSeconds(31));
        assertThat(queue.reapExpired()).isEqualTo(2);
        ClaimedRun again = queue.claimNext("w2").orElseThrow();
        assertThat(Set.of(again.id())).isSubsetOf(runIds(e.id()));
        assertThat(again.attempt()).isEqualTo(2);
        // The dead worker wakes up late: its result is refused, so no run has two results.
        assertThat(queue.succeed(first.id(), "dead-worker", outcome(0.5))).isFalse();
    }

    @Test
    void failedAttemptsBackOffThenFailWithTheErrorVisible() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("fail", 1, 1), "t", null).experiment();
        jdbc.sql("DELETE FROM run WHERE experiment_id = ? AND estimator_index = 1").param(e.id()).update();
        jdbc.sql("UPDATE experiment SET runs_total = 1 WHERE id = ?").param(e.id()).update();
        ClaimedRun run = queue.claimNext("w").orElseThrow();
        queue.fail(run.id(), "w", "boom 1");
        assertThat(queue.claimNext("w")).as("back-off: not available yet").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        run = queue.claimNext("w").orElseThrow();
        queue.fail(run.id(), "w", "boom 2");
        clock.advance(Duration.ofSeconds(10));
        assertThat(queue.claimNext("w")).as("second back-off doubles to 20 s").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        run = queue.claimNext("w").orElseThrow();
        assertThat(run.attempt()).isEqualTo(3);
        queue.fail(run.id(), "w", "boom 3");
        RunView view = runs.runsOf(e.id()).get(0);
        assertThat(view.status()).isEqualTo(RunStatus.FAILED);
        assertThat(view.error()).isEqualTo("boom 3");
        assertThat(experiments.get(e.id()).status()).isEqualTo(ExperimentStatus.FAILED);
    }

    @Test
    void experimentSucceedsWhenEveryRunHasAnOutcome() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("ok", 2, 1), "t", null).experiment();
        Optional<ClaimedRun> c;
        while ((c = queue.claimNext("w")).isPresent()) {
            assertThat(queue.succeed(c.get().id(), "w", outcome(0.25))).isTrue();
        }
        ExperimentView done = experiments.get(e.id());
        assertThat(done.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(runs.runsOf(e.id())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.outcome().metrics()).containsEntry("nmse", 0.25);
        });
    }

    private Set<UUID> runIds(UUID experiment) {
        Set<UUID> ids = new HashSet<>();
        runs.runsOf(experiment).forEach(r -> ids.add(r.id()));
        return ids;
    }
}
