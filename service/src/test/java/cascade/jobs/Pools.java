package cascade.jobs;

import cascade.experiments.Experiments;
import cascade.runs.RunQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Worker pools a test builds on its context's queue, as several service instances sharing one
 * database would (the context's own pool is off); every pool is stopped after each test. Register
 * with {@code @RegisterExtension final Pools pools = new Pools();}.
 */
final class Pools implements BeforeEachCallback, AfterEachCallback {

    private final List<WorkerPool> created = new ArrayList<>();
    private ApplicationContext context;

    @Override
    public void beforeEach(ExtensionContext extension) {
        context = SpringExtension.getApplicationContext(extension);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        created.forEach(WorkerPool::stop);
        created.clear();
    }

    /** A pool (not started) of {@code workers} threads polling every 50 ms. */
    WorkerPool create(RunExecutor executor, int workers, Duration heartbeat, Duration reapInterval) {
        JobsProperties properties = new JobsProperties(true, workers, 1, Duration.ofMillis(50), heartbeat,
                reapInterval, Duration.ofSeconds(5));
        WorkerPool pool = new WorkerPool(context.getBean(RunQueue.class), context.getBean(Experiments.class),
                executor, properties, new SimpleMeterRegistry());
        created.add(pool);
        return pool;
    }
}
