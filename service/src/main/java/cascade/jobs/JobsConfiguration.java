package cascade.jobs;

import cascade.engine.Engine;
import cascade.engine.dataset.DatasetSource;
import cascade.experiments.ExperimentSubmitted;
import cascade.experiments.Experiments;
import cascade.runs.RunFinished;
import cascade.runs.RunQueue;
import cascade.runs.RunStatus;
import cascade.runs.Runs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Wiring of the workers: the engine as executor, the pool when enabled, queue gauges. */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    /** The engine, with datasets loaded once per process from the database (DatasetStore). */
    @Bean
    RunExecutor runExecutor(DatasetSource datasets) {
        return (spec, key, control) -> Engine.run(spec, key, control, datasets);
    }

    /**
     * The pool, refused at start when a lease would not outlive three heartbeat intervals: with less
     * slack, one slow heartbeat lets the reaper take a healthy worker's run.
     */
    @Bean
    @ConditionalOnProperty(name = "cascade.jobs.enabled", havingValue = "true", matchIfMissing = true)
    WorkerPool workerPool(RunQueue queue, Experiments experiments, RunExecutor executor, JobsProperties properties,
            MeterRegistry meters) {
        requireLeaseOutlivesHeartbeats(queue.lease(), properties.heartbeatInterval());
        return new WorkerPool(queue, experiments, executor, properties, meters);
    }

    static void requireLeaseOutlivesHeartbeats(Duration lease, Duration heartbeat) {
        if (lease.compareTo(heartbeat.multipliedBy(3)) <= 0) {
            throw new IllegalStateException("cascade.runs.lease (" + format(lease)
                    + ") must be longer than 3 x cascade.jobs.heartbeat-interval (3 x " + format(heartbeat)
                    + "): a run would be reaped from a healthy worker after a few slow heartbeats; raise the "
                    + "lease or heartbeat more often");
        }
    }

    /** As a setting is written: 30s, 500ms. */
    private static String format(Duration d) {
        return DurationStyle.SIMPLE.print(d, d.toMillis() % 1000 == 0 ? ChronoUnit.SECONDS : ChronoUnit.MILLIS);
    }

    @Bean
    @ConditionalOnProperty(name = "cascade.jobs.enabled", havingValue = "true", matchIfMissing = true)
    Wakeups wakeups(WorkerPool pool) {
        return new Wakeups(pool);
    }

    @Bean
    QueueGauges queueGauges(Runs runs, MeterRegistry registry) {
        return new QueueGauges(runs, registry);
    }

    /** Wakes idle workers once a submission or a finished run is committed. */
    record Wakeups(WorkerPool pool) {
        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
        void on(ExperimentSubmitted event) {
            pool.wake();
        }

        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
        void on(RunFinished event) {
            pool.wake();
        }
    }

    /**
     * cascade.runs{status=...} gauges; cascade.queue.depth is the QUEUED count. Micrometer holds a
     * gauge's object weakly, so this bean keeps the counts: a local would be collected by the next
     * GC and every gauge would read NaN from then on (as the autoscaling test saw).
     */
    static final class QueueGauges {
        private final CachedCounts counts;

        QueueGauges(Runs runs, MeterRegistry registry) {
            counts = new CachedCounts(runs);
            for (RunStatus status : RunStatus.values()) {
                Gauge.builder("cascade.runs", counts, c -> c.get(status)).tag("status", status.name())
                        .description("runs by status").register(registry);
            }
            Gauge.builder("cascade.queue.depth", counts, c -> c.get(RunStatus.QUEUED))
                    .description("runs waiting to be claimed").register(registry);
        }
    }

    /** Counts read at most once per second however many gauges ask. */
    static final class CachedCounts {
        private final Runs runs;
        private volatile Map<RunStatus, Long> counts = Map.of();
        private volatile long readAt;

        CachedCounts(Runs runs) {
            this.runs = runs;
        }

        double get(RunStatus status) {
            long now = System.nanoTime();
            if (now - readAt > 1_000_000_000L) {
                try {
                    counts = runs.countsByStatus();
                } catch (RuntimeException dbDown) {
                    return Double.NaN;
                }
                readAt = now;
            }
            return counts.getOrDefault(status, 0L);
        }
    }
}
