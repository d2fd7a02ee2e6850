package cascade.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cascade.runs.RunStatus;
import cascade.runs.Runs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The queue gauges that autoscaling reads (cascade_queue_depth, cascade_runs) keep answering after
 * garbage collections: Micrometer references a gauge's state object weakly.
 */
class QueueGaugesTests {

    @Test
    void gaugesSurviveGarbageCollection() {
        Runs runs = mock(Runs.class);
        when(runs.countsByStatus()).thenReturn(Map.of(RunStatus.QUEUED, 3L, RunStatus.RUNNING, 2L));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JobsConfiguration.QueueGauges gauges = new JobsConfiguration.QueueGauges(runs, registry); // the bean

        // Collect until an unreachable object is gone, so a weakly held gauge state would be too.
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && sentinel.get() != null; i++) {
            System.gc();
        }
        assertThat(sentinel.get()).as("a collection happened").isNull();

        assertThat(registry.get("cascade.queue.depth").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get("cascade.runs").tag("status", "RUNNING").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("cascade.runs").tag("status", "FAILED").gauge().value()).isZero();
        assertThat(gauges).isNotNull();
    }
}
