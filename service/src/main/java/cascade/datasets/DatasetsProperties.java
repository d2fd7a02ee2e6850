package cascade.datasets;

import cascade.engine.dataset.DatasetReader;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code cascade.datasets.*}, checked when the service starts; defaults here (the reader limits
 * default to {@code DatasetReader.Limits.DEFAULT}).
 *
 * @param maxSize           largest upload accepted (all files of one upload together); larger ones get 413
 * @param cacheSize         heap a worker process keeps for loaded datasets (8 bytes per value); least
 *                          recently used ones are dropped beyond it, a single larger one is not cached
 * @param chunkSize         size of the bytea chunks uploads are stored in
 * @param maxInflatedSize   most bytes the entries of one .npz may inflate to, all together (counted
 *                          while inflating, entries the reader skips included); more is a 400
 * @param maxArchiveEntries most entries one .npz may have; more is a 400
 * @param maxLineLength     longest CSV line, header included; a longer one is a 400 naming the line
 */
@ConfigurationProperties("cascade.datasets")
record DatasetsProperties(DataSize maxSize, DataSize cacheSize, DataSize chunkSize, DataSize maxInflatedSize,
        Integer maxArchiveEntries, DataSize maxLineLength) {

    DatasetsProperties {
        DatasetReader.Limits defaults = DatasetReader.Limits.DEFAULT;
        maxSize = maxSize == null ? DataSize.ofMegabytes(512) : maxSize;
        cacheSize = cacheSize == null ? DataSize.ofGigabytes(2) : cacheSize;
        chunkSize = chunkSize == null ? DataSize.ofMegabytes(1) : chunkSize;
        maxInflatedSize = maxInflatedSize == null ? DataSize.ofBytes(defaults.maxInflatedBytes()) : maxInflatedSize;
        maxArchiveEntries = maxArchiveEntries == null ? defaults.maxArchiveEntries() : maxArchiveEntries;
        maxLineLength = maxLineLength == null ? DataSize.ofBytes(defaults.maxLineLength()) : maxLineLength;
        if (maxSize.toBytes() <= 0 || chunkSize.toBytes() <= 0 || chunkSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cascade.datasets.max-size and chunk-size must be positive (chunk-size "
                    + "below 2GB), got " + maxSize + " and " + chunkSize);
        }
        if (maxLineLength.toBytes() > DatasetReader.MAX_VALUES) {
            throw new IllegalArgumentException("cascade.datasets.max-line-length must be below 2GB, got "
                    + maxLineLength);
        }
        new DatasetReader.Limits(maxInflatedSize.toBytes(), maxArchiveEntries, (int) maxLineLength.toBytes());
    }

    /** The reader's limits: the last three settings (checked positive when bound). */
    DatasetReader.Limits limits() {
        return new DatasetReader.Limits(maxInflatedSize.toBytes(), maxArchiveEntries, (int) maxLineLength.toBytes());
    }
}
