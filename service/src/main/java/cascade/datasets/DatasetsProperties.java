package cascade.datasets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cascade.datasets.*}, checked when the service starts.
 *
 * @param maxSize   largest upload accepted (all files of one upload together); larger ones get 413
 * @param cacheSize heap a worker process keeps for loaded datasets (8 bytes per value); least
 *                  recently used ones are dropped beyond it, a single larger one is not cached
 * @param chunkSize size of the bytea chunks uploads are stored in
 */
@ConfigurationProperties("cascade.datasets")
record DatasetsProperties(@DefaultValue("512MB") DataSize maxSize, @DefaultValue("2GB") DataSize cacheSize,
        @DefaultValue("1MB") DataSize chunkSize) {

    DatasetsProperties {
        check(maxSize.toBytes() > 0, "max-size must be positive, was " + maxSize);
        check(cacheSize.toBytes() >= 0, "cache-size must not be negative, was " + cacheSize);
        check(chunkSize.toBytes() > 0 && chunkSize.toBytes() <= Integer.MAX_VALUE,
                "chunk-size must be between 1B and 2GB, was " + chunkSize);
    }

    private static void check(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException("cascade.datasets." + problem);
        }
    }
}
