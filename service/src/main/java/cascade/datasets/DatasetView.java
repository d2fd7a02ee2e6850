package cascade.datasets;

import cascade.engine.dataset.LabelSummary;
import java.time.Instant;
import java.util.UUID;

/** A stored dataset's metadata (what GET /datasets/{id} shows). */
public record DatasetView(UUID id, String name, String owner, String format, int rows, int columns,
        LabelSummary labels, String sha256, long sizeBytes, Instant createdAt) {
}
