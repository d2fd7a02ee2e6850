package cascade.experiments;

import cascade.runs.RunCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An experiment as other modules and the edges see it. {@code spec} is the canonical spec tree;
 * {@code progress} counts its runs by status.
 */
public record ExperimentView(UUID id, String name, List<String> tags, String owner, ExperimentStatus status,
        Map<String, Object> spec, RunCounts progress, Instant createdAt, @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {
}
