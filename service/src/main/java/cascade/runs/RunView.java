package cascade.runs;

import cascade.engine.RunOutcome;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A run as the edges and the results module see it. */
public record RunView(UUID id, int estimatorIndex, String estimator, int n, long seed, RunStatus status, int attempts,
        @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable RunOutcome outcome,
        @Nullable String error) {
}
