package cascade.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cascade.TestDatabase;
import cascade.TestSchema;
import cascade.TestSpecs;
import cascade.engine.RunKey;
import cascade.engine.RunOutcome;
import cascade.experiments.ExperimentStatus;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import cascade.runs.RunStatus;
import cascade.runs.RunView;
import cascade.runs.Runs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker in a real second JVM ({@link HangingWorker}: the production service, worker-only, with
 * an estimator that never finishes) sharing the queue with this test's pool, on the system clock:
 * SIGKILL mid-run loses nothing (the lease expires, the reaper re-queues, another worker computes
 * the run once); SIGTERM gives the run back to the queue at once through graceful shutdown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"cascade.jobs.enabled=false", "cascade.runs.lease=2s"})
@TestSchema(WorkerProcessIntegrationTests.SCHEMA)
class WorkerProcessIntegrationTests {

    static final String SCHEMA = "it_worker_process";

    @RegisterExtension
    final Pools pools = new Pools();
    @Autowired
    Experiments experiments;
    @Autowired
    Runs runs;
    @Autowired
    JdbcClient jdbc;

    Process child;

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    /** Starts the worker process; its output goes to a file named in failures. */
    Process startWorkerProcess() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createTempFile("cascade-worker-", ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, HangingWorker.class.getName(),
                "--spring.datasource.url=" + TestDatabase.url(SCHEMA),
                "--spring.datasource.username=" + TestDatabase.user(),
                "--spring.datasource.password=" + TestDatabase.password(),
                "--spring.flyway.enabled=false", // this test's context migrated the schema
                "--spring.jpa.properties.hibernate.default_schema=" + SCHEMA,
                "--cascade.jobs.workers=1", "--cascade.jobs.poll-interval=100ms",
                "--cascade.jobs.heartbeat-interval=500ms", "--cascade.runs.lease=2s",
                "--cascade.jobs.shutdown-grace=10s");
        child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        childLog = log.toFile();
        return child;
    }

    File childLog;

    /** Waits until the worker process holds a run; returns that run's id. */
    UUID awaitClaimBy(Process process) {
        String prefix = process.pid() + "@";
        return await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(100))
                .alias("worker process claims a run (log: " + childLog + ")")
                .until(() -> {
                    assertThat(process.isAlive()).as("worker process alive (log: " + childLog + ")").isTrue();
                    return jdbc.sql("SELECT id FROM run WHERE status = 'RUNNING' AND leased_by LIKE ?")
                            .param(prefix + "%").query(UUID.class).optional().orElse(null);
                }, id -> id != null);
    }

    WorkerPool countingPool(Map<String, AtomicInteger> executions) {
        RunExecutor counting = (spec, key, control) -> {
            executions.computeIfAbsent(describe(key), k -> new AtomicInteger()).incrementAndGet();
            return new RunOutcome(Map.of("nmse", 0.5), null, null, Map.of());
        };
        return pools.create(counting, 1, Duration.ofMillis(500), Duration.ofMillis(200));
    }

    static String describe(RunKey key) {
        return key.estimator() + "/" + key.n() + "/" + key.seed();
    }

    @Test
    void aWorkerProcessKilledMidRunLosesNothingAndNoRunHasTwoResults() throws Exception {
        ExperimentView e = experiments.submit(TestSpecs.tiny("sigkill", 1, 1), "t", null).experiment();
        Process worker = startWorkerProcess();
        UUID victim = awaitClaimBy(worker);

        worker.destroyForcibly(); // SIGKILL: no shutdown hook, no release, heartbeats just stop
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
        RunView orphan = run(e.id(), victim);
        assertThat(orphan.status()).as("still leased by the dead process").isEqualTo(RunStatus.RUNNING);

        Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        countingPool(executions).start(); // its reaper runs every 200 ms; the dead lease ends within 2 s
        await().atMost(Duration.ofSeconds(30)).until(() -> experiments.get(e.id()).status() == ExperimentStatus.SUCCEEDED);

        List<RunView> all = runs.runsOf(e.id());
        assertThat(all).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.outcome()).isNotNull();
        });
        assertThat(run(e.id(), victim).attempts()).as("one attempt in the dead process, one here").isEqualTo(2);
        assertThat(executions).hasSize(2).allSatisfy((key, count) -> assertThat(count).as(key).hasValue(1));
    }

    @Test
    void aWorkerProcessStoppedWithSigtermGivesItsRunBackAtOnce() throws Exception {
        ExperimentView e = experiments.submit(TestSpecs.tiny("sigterm", 1, 1), "t", null).experiment();
        Process worker = startWorkerProcess();
        UUID running = awaitClaimBy(worker);

        worker.destroy(); // SIGTERM: graceful shutdown stops the estimator at a checkpoint and releases
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("exits (log: " + childLog + ")").isTrue();
        RunView released = run(e.id(), running);
        assertThat(released.status()).as("re-queued before any lease expired (log: " + childLog + ")")
                .isEqualTo(RunStatus.QUEUED);
        assertThat(released.attempts()).as("the interrupted attempt is not counted").isZero();

        Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        countingPool(executions).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> experiments.get(e.id()).status() == ExperimentStatus.SUCCEEDED);
        assertThat(runs.runsOf(e.id())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.attempts()).isEqualTo(1);
        });
        assertThat(executions).hasSize(2).allSatisfy((key, count) -> assertThat(count).as(key).hasValue(1));
    }

    RunView run(UUID experiment, UUID id) {
        return runs.runsOf(experiment).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
