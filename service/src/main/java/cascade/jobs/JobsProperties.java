package cascade.jobs;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cascade.jobs.*}, checked when the service starts (with {@code cascade.runs.lease}, which
 * must be longer than three heartbeat intervals: see {@code JobsConfiguration}).
 *
 * @param enabled           whether this instance runs workers (false: API only)
 * @param workers           worker threads; default the machine's cores
 * @param blasThreads       OpenBLAS threads; default cores / workers (workers x BLAS threads = cores)
 * @param pollInterval      how often an idle worker looks for runs when no event woke it
 * @param heartbeatInterval how often leases of running runs are renewed (a sixth of the default lease)
 * @param reapInterval      how often expired leases are looked for
 * @param shutdownGrace     how long shutdown waits for runs to reach a checkpoint and be released
 */
@ConfigurationProperties("cascade.jobs")
record JobsProperties(@DefaultValue("true") boolean enabled, @Nullable Integer workers, @Nullable Integer blasThreads,
        @DefaultValue("1s") Duration pollInterval, @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("15s") Duration reapInterval, @DefaultValue("20s") Duration shutdownGrace) {

    JobsProperties {
        int cores = Runtime.getRuntime().availableProcessors();
        workers = workers == null ? cores : workers;
        check(workers >= 1, "workers must be at least 1, was " + workers);
        blasThreads = blasThreads == null ? Math.max(1, cores / workers) : blasThreads;
        check(blasThreads >= 1, "blas-threads must be at least 1, was " + blasThreads);
        check(pollInterval.isPositive(), "poll-interval must be positive, was " + pollInterval);
        check(heartbeatInterval.isPositive(), "heartbeat-interval must be positive, was " + heartbeatInterval);
        check(reapInterval.isPositive(), "reap-interval must be positive, was " + reapInterval);
        check(!shutdownGrace.isNegative(), "shutdown-grace must not be negative, was " + shutdownGrace);
    }

    private static void check(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException("cascade.jobs." + problem);
        }
    }
}
