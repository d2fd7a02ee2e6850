package cascade.experiments;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Filters and a page of GET /experiments; the cursor is the opaque nextCursor of a page. */
public record ExperimentQuery(@Nullable ExperimentStatus status, @Nullable String tag, @Nullable String name,
        @Nullable String cursor, int limit) {

    /** The status filter as given in a request; {@link InvalidQueryException} naming "status" if it is none. */
    public static @Nullable ExperimentStatus status(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return ExperimentStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("status", "must be one of " + Arrays.stream(ExperimentStatus.values())
                    .map(ExperimentStatus::name).collect(Collectors.joining(", ")));
        }
    }
}
