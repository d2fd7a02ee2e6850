package cascade.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cascade.MutableClock;
import cascade.TestClockConfiguration;
import cascade.TestSchema;
import cascade.TestSpecs;
import cascade.engine.Engine;
import cascade.engine.RunOutcome;
import cascade.experiments.ExperimentStatus;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import cascade.runs.RunQueue;
import cascade.runs.RunStatus;
import cascade.runs.RunView;
import cascade.runs.Runs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Worker pools against real PostgreSQL. The context's own pool is off; each test builds pools
 * sharing one database, as several service instances would. Fake executors are latch-controlled;
 * one test runs the real engine.
 */
@Import(TestClockConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"cascade.jobs.enabled=false", "cascade.runs.lease=30s", "cascade.runs.backoff=1s"})
@TestSchema("it_worker_pool")
class WorkerPoolIntegrationTests {

    @RegisterExtension
    final Pools pools = new Pools();
    @Autowired
    Experiments experiments;
    @Autowired
    RunQueue queue;
    @Autowired
    Runs runs;
    @Autowired
    MutableClock clock;

    /** A pool whose reaper never runs on its own (tests reap by hand). */
    WorkerPool pool(RunExecutor executor, int workers, Duration heartbeat) {
        return pools.create(executor, workers, heartbeat, Duration.ofDays(1));
    }

    static RunOutcome outcome() {
        return new RunOutcome(Map.of("nmse", 0.5), null, null, Map.of());
    }

    @RepeatedTest(3)
    void twoPoolsRunEveryRunExactlyOnce() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("cluster", 6, 4), "t", null).experiment();
        Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        RunExecutor counting = (spec, key, control) -> {
            executions.computeIfAbsent(key.toString(), k -> new AtomicInteger()).incrementAndGet();
            return outcome();
        };
        WorkerPool a = pool(counting, 2, Duration.ofSeconds(5));
        WorkerPool b = pool(counting, 2, Duration.ofSeconds(5));
        a.start();
        b.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> experiments.get(e.id()).status() == ExperimentStatus.SUCCEEDED);
        List<RunView> all = runs.runsOf(e.id());
        assertThat(all).hasSize(2 * 6 * 4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.attempts()).as("claimed exactly once").isEqualTo(1);
        });
        assertThat(executions).hasSize(2 * 6 * 4).allSatisfy((key, count) -> assertThat(count).hasValue(1));
    }

    @Test
    void aKilledWorkersRunsAreReapedAndCompletedElsewhere() throws Exception {
        ExperimentView e = experiments.submit(TestSpecs.tiny("killed", 1, 1), "t", null).experiment();
        CountDownLatch claimed = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        // Pool A claims both runs and hangs, with no heartbeats: a process killed mid-run.
        WorkerPool a = pool((spec, key, control) -> {
            claimed.countDown();
            try {
                never.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            return outcome();
        }, 2, Duration.ofDays(1));
        a.start();
        assertThat(claimed.await(20, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(31));
        assertThat(queue.reapExpired()).isEqualTo(2);
        AtomicInteger executedByB = new AtomicInteger();
        WorkerPool b = pool((spec, key, control) -> {
            executedByB.incrementAndGet();
            return outcome();
        }, 1, Duration.ofSeconds(5));
        b.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> experiments.get(e.id()).status() == ExperimentStatus.SUCCEEDED);
        assertThat(executedByB).hasValue(2);
        // A comes back to life: its late results are refused, every run keeps exactly one outcome.
        never.countDown();
        a.stop();
        assertThat(runs.runsOf(e.id())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.attempts()).isEqualTo(2);
        });
    }

    @Test
    void cancellingStopsARunningRunAtItsNextCheckpoint() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("cancel", 1, 1), "t", null).experiment();
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger stoppedAtCheckpoint = new AtomicInteger();
        WorkerPool pool = pool((spec, key, control) -> {
            running.countDown();
            try {
                Work.untilStopped(control);
                return outcome();
            } catch (cascade.engine.RunCancelledException stopped) {
                stoppedAtCheckpoint.incrementAndGet();
                throw stopped;
            }
        }, 1, Duration.ofMillis(100));
        pool.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> running.getCount() == 0);
        experiments.cancel(e.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> stoppedAtCheckpoint.get() == 1);
        assertThat(experiments.get(e.id()).status()).isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(runs.runsOf(e.id())).extracting(RunView::status, RunView::outcome)
                .containsOnly(tuple(RunStatus.CANCELLED, null));
    }

    @Test
    void aRunThatThrowsIsRetriedThenFailedWithItsError() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("throws", 1, 1), "t", null).experiment();
        WorkerPool pool = pool((spec, key, control) -> {
            if (key.estimator() == 1) {
                throw new IllegalStateException("singular system");
            }
            return outcome();
        }, 1, Duration.ofSeconds(5));
        pool.start();
        // Each poll moves the clock past any back-off and wakes the pool, so the retries proceed
        // however the pool's timing interleaves with the test's.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            clock.advance(Duration.ofSeconds(10));
            pool.wake();
            return experiments.get(e.id()).status() == ExperimentStatus.FAILED;
        });
        RunView failed = runs.runsOf(e.id()).stream().filter(r -> r.estimatorIndex() == 1).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).contains("singular system");
    }

    @Test
    void shutdownGivesRunningRunsBackToTheQueue() throws Exception {
        ExperimentView e = experiments.submit(TestSpecs.tiny("shutdown", 1, 1), "t", null).experiment();
        CountDownLatch running = new CountDownLatch(1);
        WorkerPool pool = pool((spec, key, control) -> {
            running.countDown();
            Work.untilStopped(control);
            return outcome();
        }, 1, Duration.ofSeconds(5));
        pool.start();
        assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
        pool.stop();
        assertThat(runs.runsOf(e.id())).extracting(RunView::status, RunView::attempts)
                .containsOnly(tuple(RunStatus.QUEUED, 0));
    }

    /**
     * Cancel and retry racing two busy pools with fast heartbeats: no deadlock surfaces (every
     * cancel and retry answers), and in the end every run has exactly one outcome.
     */
    @Test
    void cancelAndRetryRaceBusyWorkersWithoutDeadlockOrDuplicates() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("race", 6, 5), "t", null).experiment();
        RunExecutor busy = (spec, key, control) -> {
            Work.checkpointed(control, 10, 2);
            return outcome();
        };
        pool(busy, 2, Duration.ofMillis(5)).start();
        pool(busy, 2, Duration.ofMillis(5)).start();
        for (int cycle = 0; cycle < 10; cycle++) {
            // A state conflict (e.g. everything already finished) is a legitimate answer; any other
            // exception, such as a deadlock abort, fails the test.
            try {
                experiments.cancel(e.id());
            } catch (cascade.experiments.ExperimentStateException finished) {
                break;
            }
            experiments.retry(e.id());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> experiments.get(e.id()).status() == ExperimentStatus.SUCCEEDED);
        assertThat(runs.runsOf(e.id())).hasSize(2 * 6 * 5).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.outcome()).isNotNull();
        });
    }

    @Test
    void theRealEngineCompletesATinyExperiment() {
        ExperimentView e = experiments.submit(TestSpecs.tiny("real", 3, 1), "t", null).experiment();
        pool(Engine::run, 2, Duration.ofSeconds(5)).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> experiments.get(e.id()).status() == ExperimentStatus.SUCCEEDED);
        assertThat(runs.runsOf(e.id())).allSatisfy(r -> assertThat(r.outcome().metrics()).containsKey("nmse"));
    }
}
