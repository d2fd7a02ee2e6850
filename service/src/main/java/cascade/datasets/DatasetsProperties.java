package cascade.datasets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code cascade.datasets.*}.
 *
 * @param maxSize   largest upload accepted (all files of one upload together); larger ones get 413
 * @param cacheSize heap a worker process keeps for loaded datasets (8 bytes per value); least
 *                  recently used ones are dropped beyond it, a single larger one is not cached
 * @param chunkSize size of the bytea chunks uploads are stored in
 */
@ConfigurationProperties("cascade.datasets")
record DatasetsProperties(DataSize maxSize, DataSize cacheSize, DataSize chunkSize) {

    DatasetsProperties {
        maxSize = maxSize == null ? DataSize.ofMegabytes(512) : maxSize;
        cacheSize = cacheSize == null ? DataSize.ofGigabytes(2) : cacheSize;
        chunkSize = chunkSize == null ? DataSize.ofMegabytes(1) : chunkSize;
    }
}
