package cascade.jobs;

import cascade.engine.RunCancelledException;
import cascade.engine.RunKey;
import cascade.engine.RunOutcome;
import cascade.engine.linalg.Blas;
import cascade.engine.spec.ExperimentSpec;
import cascade.experiments.ExperimentNotFoundException;
import cascade.experiments.Experiments;
import cascade.runs.ClaimedRun;
import cascade.runs.RunQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This instance's workers: N threads that claim runs from the queue and compute them outside any
 * transaction, plus one scheduler thread for heartbeats and the lease reaper. Stopping stops
 * claiming, makes running runs stop at their next checkpoint and gives them back to the queue.
 */
final class WorkerPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final RunQueue queue;
    private final Experiments experiments;
    private final RunExecutor executor;
    private final JobsProperties properties;
    private final MeterRegistry meters;
    private final String node;
    private final Map<UUID, WorkerControl> active = new ConcurrentHashMap<>();
    private final Object idle = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private ScheduledExecutorService scheduler;

    WorkerPool(RunQueue queue, Experiments experiments, RunExecutor executor, JobsProperties properties,
            MeterRegistry meters) {
        this.queue = queue;
        this.experiments = experiments;
        this.executor = executor;
        this.properties = properties;
        this.meters = meters;
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    String node() {
        return node;
    }

    @Override
    public void start() {
        Blas.setThreads(properties.blasThreads());
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Thread t = Thread.ofPlatform().name("cascade-worker-" + i).daemon(false).unstarted(this::loop);
            threads.add(t);
            t.start();
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cascade-leases").daemon(true)
                .factory());
        long hb = properties.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(new Heartbeats(queue, node, active), hb, hb, TimeUnit.MILLISECONDS);
        long reap = properties.reapInterval().toMillis();
        scheduler.scheduleWithFixedDelay(new LeaseReaper(queue), reap, reap, TimeUnit.MILLISECONDS);
        log.info("worker pool {} started: {} workers x {} BLAS threads", node, properties.workers(),
                properties.blasThreads());
    }

    @Override
    public void stop() {
        running = false;
        active.values().forEach(WorkerControl::shutdown);
        wake();
        long deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        threads.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        log.info("worker pool {} stopped", node);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Wakes idle workers early (a submission or a finished run was committed). */
    void wake() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** Runs computing right now on this node, for progress reporting. */
    Map<UUID, WorkerControl> active() {
        return Map.copyOf(active);
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            Optional<ClaimedRun> claimed;
            try {
                claimed = queue.claimNext(node);
                backoff = 0;
            } catch (RuntimeException dbDown) {
                // The database is unreachable: back off (up to 30 s) and try again; nothing is lost.
                backoff = Math.min(30_000, Math.max(500, backoff * 2));
                log.warn("claim failed ({}); retrying in {} ms", dbDown.getMessage(), backoff);
                sleepIdle(backoff);
                continue;
            }
            if (claimed.isEmpty()) {
                sleepIdle(properties.pollInterval().toMillis());
                continue;
            }
            execute(claimed.get());
        }
    }

    /** The boundary where any failure of a run is caught, recorded, and the loop lives on. */
    void execute(ClaimedRun run) {
        WorkerControl control = new WorkerControl();
        active.put(run.id(), control);
        long start = System.nanoTime();
        String estimator = "unknown";
        String outcome = "failed";
        try {
            if (!running) {
                control.shutdown();
            }
            ExperimentSpec spec = experiments.specOf(run.experimentId());
            estimator = spec.estimators().get(run.estimatorIndex()).kind();
            RunOutcome result = executor.execute(spec, new RunKey(run.estimatorIndex(), run.n(), run.seed()), control);
            control.checkpoint();
            outcome = "succeeded";
            if (!queue.succeed(run.id(), node, result)) {
                outcome = "dropped";
                log.info("run {} finished but is no longer ours; result dropped", run.id());
            }
        } catch (RunCancelledException stopped) {
            outcome = "stopped";
            if (control.stop() == WorkerControl.Stop.SHUTDOWN) {
                retrying(() -> queue.release(run.id(), node));
            }
        } catch (ExperimentNotFoundException deleted) {
            log.info("run {} belongs to a deleted experiment", run.id());
        } catch (Throwable failure) {
            log.warn("run {} failed (attempt {})", run.id(), run.attempt(), failure);
            String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            retrying(() -> queue.fail(run.id(), node, error));
            if (failure instanceof Error e && !(e instanceof OutOfMemoryError) && !(e instanceof StackOverflowError)) {
                throw e;
            }
        } finally {
            active.remove(run.id());
            Timer.builder("cascade.run.duration").description("wall time of one run on a worker")
                    .tag("estimator", estimator).tag("outcome", outcome).register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Records an outcome even across a short database outage; the reaper covers a long one. */
    private void retrying(Runnable write) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                log.warn("recording a run failed ({}), retrying", e.getMessage());
                sleepIdle(1000L << attempt);
            }
        }
    }

    private void sleepIdle(long millis) {
        synchronized (idle) {
            if (!running) {
                return;
            }
            try {
                idle.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Renews this node's leases and flags the runs that are no longer ours. */
    record Heartbeats(RunQueue queue, String node, Map<UUID, WorkerControl> active) implements Runnable {
        @Override
        public void run() {
            try {
                Set<UUID> lost = queue.heartbeat(node, Set.copyOf(active.keySet()));
                lost.forEach(id -> {
                    WorkerControl c = active.get(id);
                    if (c != null) {
                        c.lose();
                    }
                });
            } catch (RuntimeException e) {
                log.warn("heartbeat failed: {}", e.getMessage());
            }
        }
    }

    /** Re-queues runs whose lease expired anywhere in the cluster. */
    record LeaseReaper(RunQueue queue) implements Runnable {
        @Override
        public void run() {
            try {
                int reaped = queue.reapExpired();
                if (reaped > 0) {
                    log.info("re-queued {} runs with expired leases", reaped);
                }
            } catch (RuntimeException e) {
                log.warn("reaper failed: {}", e.getMessage());
            }
        }
    }
}
