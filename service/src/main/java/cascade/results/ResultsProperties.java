package cascade.results;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cascade.results.*}, checked when the service starts.
 *
 * @param cacheSize aggregated reports kept in memory (one per experiment and baseline; least
 *                  recently used dropped first, then recomputed from the runs when asked for).
 *                  Metric {@code cascade.cache.entries{cache=result-reports}}
 */
@ConfigurationProperties("cascade.results")
record ResultsProperties(@DefaultValue("200") int cacheSize) {

    ResultsProperties {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cascade.results.cache-size must be at least 1, was " + cacheSize);
        }
    }
}
