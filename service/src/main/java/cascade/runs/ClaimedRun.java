package cascade.runs;

import java.util.UUID;

/** A run this worker now holds the lease of. {@code attempt} counts from 1. */
public record ClaimedRun(UUID id, UUID experimentId, int estimatorIndex, int n, long seed, int attempt) {
}
