package cascade.runs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cascade.runs.*}.
 *
 * @param lease   how long a claim holds a run without a heartbeat; a worker that dies loses
 *                its runs to the reaper after this long
 * @param backoff delay before the first retry of a failed attempt; doubles per attempt
 */
@ConfigurationProperties("cascade.runs")
public record RunsProperties(Duration lease, Duration backoff) {

    public RunsProperties {
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        backoff = backoff == null ? Duration.ofSeconds(5) : backoff;
    }
}
