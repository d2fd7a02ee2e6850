package cascade.experiments;

import java.time.Instant;
import java.util.UUID;

/** The baseline of experiments named {@code name}: experiment {@code experiment}, marked at {@code markedAt}. */
public record BaselineView(String name, UUID experiment, Instant markedAt) {
}
