package cascade.api;

import cascade.datasets.DatasetView;
import cascade.engine.dataset.LabelSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The HTTP shape of a dataset (api-spec/openapi.yaml, schema Dataset). */
record DatasetResponse(UUID id, String name, String owner, String format, int rows, int columns, Labels labels,
        String sha256, long sizeBytes, Instant createdAt) {

    record Labels(int count, double min, double max, double mean, @Nullable List<ClassCount> classes) {
    }

    record ClassCount(double label, int count) {
    }

    static DatasetResponse of(DatasetView v) {
        LabelSummary l = v.labels();
        List<ClassCount> classes = l.classes() == null ? null
                : l.classes().stream().map(c -> new ClassCount(c.label(), c.count())).toList();
        return new DatasetResponse(v.id(), v.name(), v.owner(), v.format(), v.rows(), v.columns(),
                new Labels(l.count(), l.min(), l.max(), l.mean(), classes), v.sha256(), v.sizeBytes(), v.createdAt());
    }
}
