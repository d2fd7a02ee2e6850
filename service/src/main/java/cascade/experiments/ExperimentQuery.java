package cascade.experiments;

import org.jspecify.annotations.Nullable;

/** Filters and a page of GET /experiments; the cursor is the opaque nextCursor of a page. */
public record ExperimentQuery(@Nullable String status, @Nullable String tag, @Nullable String name,
        @Nullable String cursor, int limit) {
}
