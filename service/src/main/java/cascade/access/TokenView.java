package cascade.access;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A token as listed: never the secret, which exists only in the answer to its creation. */
public record TokenView(UUID id, String name, String owner, Role role, TokenLimits limits, Instant createdAt,
        @Nullable Instant revokedAt) {
}
