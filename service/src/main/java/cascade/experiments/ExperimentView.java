package cascade.experiments;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An experiment as other modules and the edges see it. {@code spec} is the canonical spec tree. */
public record ExperimentView(UUID id, String name, List<String> tags, String owner, String status,
        Map<String, Object> spec, Progress progress, Instant createdAt, @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {
}
