package cascade.jobs;

import cascade.engine.Engine;
import cascade.engine.dataset.DatasetSource;
import cascade.experiments.ExperimentSubmitted;
import cascade.experiments.Experiments;
import cascade.runs.RunFinished;
import cascade.runs.RunQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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

    @Bean
    @ConditionalOnProperty(name = "cascade.jobs.enabled", havingValue = "true", matchIfMissing = true)
    WorkerPool workerPool(RunQueue queue, Experiments experiments, RunExecutor executor, JobsProperties properties,
            MeterRegistry meters) {
        return new WorkerPool(queue, experiments, executor, properties, meters);
    }

    @Bean
    @ConditionalOnProperty(name = "cascade.jobs.enabled", havingValue = "true", matchIfMissing = true)
    Wakeups wakeups(WorkerPool pool) {
        return new Wakeups(pool);
    }

    @Bean
    QueueGauges queueGauges(RunQueue queue, MeterRegistry registry) {
        return new QueueGauges(queue, registry);
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

        QueueGauges(RunQueue queue, MeterRegistry registry) {
            counts = new CachedCounts(queue);
            for (String status : java.util.List.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED")) {
                Gauge.builder("cascade.runs", counts, c -> c.get(status)).tag("status", status)
                        .description("runs by status").register(registry);
            }
            Gauge.builder("cascade.queue.depth", counts, c -> c.get("QUEUED"))
                    .description("runs waiting to be claimed").register(registry);
        }
    }

    /** Counts read at most once per second however many gauges ask. */
    static final class CachedCounts {
        private final RunQueue queue;
        private volatile java.util.Map<String, Long> counts = java.util.Map.of();
        private volatile long readAt;

        CachedCounts(RunQueue queue) {
            this.queue = queue;
        }

        double get(String status) {
            long now = System.nanoTime();
            if (now - readAt > 1_000_000_000L) {
                try {
                    counts = queue.countsByStatus();
                } catch (RuntimeException dbDown) {
                    return Double.NaN;
                }
                readAt = now;
            }
            return counts.getOrDefault(status, 0L);
        }
    }
}
