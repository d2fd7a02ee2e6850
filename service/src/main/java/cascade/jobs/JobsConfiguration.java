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
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
        if (queue.lease().compareTo(properties.heartbeatInterval().multipliedBy(3)) <= 0) {
            throw new IllegalStateException("cascade.runs.lease (" + queue.lease() + ") must be longer than three "
                    + "cascade.jobs.heartbeat-interval (3 x " + properties.heartbeatInterval() + "): raise the lease "
                    + "or heartbeat more often");
        }
        return new WorkerPool(queue, experiments, executor, properties, meters);
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

    /** cascade.runs{status=...} gauges; cascade.queue.depth is the QUEUED count. */
    static final class QueueGauges {
        QueueGauges(Runs runs, MeterRegistry registry) {
            CachedCounts counts = new CachedCounts(runs);
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
