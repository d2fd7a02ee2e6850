package cascade.api;

import cascade.experiments.ExperimentStatus;
import cascade.experiments.ExperimentView;
import cascade.runs.RunCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The HTTP shape of an experiment (api-spec/openapi.yaml, schema Experiment). */
record ExperimentResponse(UUID id, String name, List<String> tags, String owner, ExperimentStatus status,
        Map<String, Object> spec, ProgressResponse progress, Instant createdAt, @Nullable Instant startedAt,
        @Nullable Instant finishedAt, @Nullable Double wallSeconds) {

    static ExperimentResponse of(ExperimentView view) {
        Double wall = view.startedAt() == null || view.finishedAt() == null ? null
                : Duration.between(view.startedAt(), view.finishedAt()).toMillis() / 1000.0;
        return new ExperimentResponse(view.id(), view.name(), view.tags(), view.owner(), view.status(), view.spec(),
                ProgressResponse.of(view.progress()), view.createdAt(), view.startedAt(), view.finishedAt(), wall);
    }

    record ProgressResponse(int total, int queued, int running, int succeeded, int failed, int cancelled, int done,
            double fraction) {

        static ProgressResponse of(RunCounts p) {
            int done = p.done();
            return new ProgressResponse(p.total(), p.queued(), p.running(), p.succeeded(), p.failed(), p.cancelled(),
                    done, p.total() == 0 ? 1.0 : (double) done / p.total());
        }
    }
}
