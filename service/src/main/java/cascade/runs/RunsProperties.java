package cascade.runs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cascade.runs.*}, checked when the service starts.
 *
 * @param lease   how long a claim holds a run without a heartbeat; a worker that dies loses its
 *                runs to the reaper after this long. Must be longer than three heartbeat intervals
 *                ({@code cascade.jobs.heartbeat-interval}), which the worker pool checks at start
 * @param backoff delay before the first retry of a failed attempt; doubles per attempt
 */
@ConfigurationProperties("cascade.runs")
record RunsProperties(@DefaultValue("30s") Duration lease, @DefaultValue("5s") Duration backoff) {

    RunsProperties {
        check(lease.isPositive(), "lease must be positive, was " + lease);
        check(!backoff.isNegative(), "backoff must not be negative, was " + backoff);
    }

    private static void check(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException("cascade.runs." + problem);
        }
    }
}
