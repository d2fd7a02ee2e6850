package cascade.api;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code cascade.api.*}.
 *
 * @param maxBodySize the largest request body the API reads (default 1MB; a spec is a few KB):
 *                    a larger one is a 413 problem detail before it is parsed. Dataset uploads
 *                    have their own limit, {@code cascade.datasets.max-size}.
 */
@ConfigurationProperties("cascade.api")
record ApiProperties(@Nullable DataSize maxBodySize) {

    ApiProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        if (maxBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("cascade.api.max-body-size must be at least 1KB, was " + maxBodySize);
        }
    }
}
