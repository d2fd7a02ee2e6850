package cascade.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cascade.jobs.*}.
 *
 * @param enabled           whether this instance runs workers (false: API only)
 * @param workers           worker threads; default the machine's cores
 * @param blasThreads       OpenBLAS threads; default cores / workers (workers x BLAS threads = cores)
 * @param pollInterval      how often an idle worker looks for runs when no event woke it
 * @param heartbeatInterval how often leases of running runs are renewed (well under the lease)
 * @param reapInterval      how often expired leases are looked for
 * @param shutdownGrace     how long shutdown waits for runs to reach a checkpoint and be released
 */
@ConfigurationProperties("cascade.jobs")
record JobsProperties(Boolean enabled, Integer workers, Integer blasThreads, Duration pollInterval,
        Duration heartbeatInterval, Duration reapInterval, Duration shutdownGrace) {

    JobsProperties {
        int cores = Runtime.getRuntime().availableProcessors();
        enabled = enabled == null || enabled;
        workers = workers == null ? cores : workers;
        blasThreads = blasThreads == null ? Math.max(1, cores / workers) : blasThreads;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(10) : heartbeatInterval;
        reapInterval = reapInterval == null ? Duration.ofSeconds(15) : reapInterval;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(20) : shutdownGrace;
    }
}
