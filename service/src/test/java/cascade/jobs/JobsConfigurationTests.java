package cascade.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cascade.engine.dataset.DatasetSource;
import cascade.experiments.Experiments;
import cascade.runs.RunQueue;
import cascade.runs.Runs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code cascade.jobs.*}: defaults from the record alone, bad values refused with the setting's
 * name, and a service whose lease would not outlive three heartbeats refused at start.
 */
class JobsConfigurationTests {

    @EnableConfigurationProperties(JobsProperties.class)
    static class Settings {
    }

    /** The worker side of a context, its neighbours mocked; the queue's lease is 30 s. */
    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, JobsConfiguration.class)
            .withBean(RunQueue.class, () -> {
                RunQueue queue = mock(RunQueue.class);
                when(queue.lease()).thenReturn(Duration.ofSeconds(30));
                return queue;
            })
            .withBean(Runs.class, () -> mock(Runs.class))
            .withBean(Experiments.class, () -> mock(Experiments.class))
            .withBean(DatasetSource.class, () -> mock(DatasetSource.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("cascade.jobs.workers=1", "cascade.jobs.blas-threads=1");

    static JobsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("cascade.jobs", JobsProperties.class);
    }

    @Test
    void defaultsComeFromTheRecord() {
        JobsProperties p = bind(Map.of());
        assertThat(p.enabled()).isTrue();
        assertThat(p.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(p.blasThreads()).isEqualTo(Math.max(1, p.workers() == 0 ? 1 : Runtime.getRuntime()
                .availableProcessors() / p.workers()));
        assertThat(p.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.reapInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(p.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of("cascade.jobs.workers", "0"))).isInstanceOf(BindException.class)
                .rootCause().hasMessage("cascade.jobs.workers must be at least 1, was 0");
        assertThatThrownBy(() -> bind(Map.of("cascade.jobs.heartbeat-interval", "0s")))
                .rootCause().hasMessage("cascade.jobs.heartbeat-interval must be positive, was PT0S");
    }

    @Test
    void aLeaseOfThreeHeartbeatsOrLessStopsTheServiceAtStart() {
        context.withPropertyValues("cascade.jobs.heartbeat-interval=10s").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining(
                    "cascade.runs.lease (30s) must be longer than 3 x cascade.jobs.heartbeat-interval (3 x 10s)");
        });
        assertThatThrownBy(() -> JobsConfiguration.requireLeaseOutlivesHeartbeats(Duration.ofSeconds(2),
                Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        JobsConfiguration.requireLeaseOutlivesHeartbeats(Duration.ofMillis(3001), Duration.ofSeconds(1));
    }

    @Test
    void theDefaultsStartAPool() {
        context.run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(WorkerPool.class);
        });
    }
}
