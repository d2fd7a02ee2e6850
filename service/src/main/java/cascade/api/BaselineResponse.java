package cascade.api;

import cascade.experiments.BaselineView;
import java.time.Instant;
import java.util.UUID;

/** The HTTP shape of a baseline (api-spec/openapi.yaml, schema Baseline). */
record BaselineResponse(String name, UUID experiment, Instant markedAt) {

    static BaselineResponse of(BaselineView view) {
        return new BaselineResponse(view.name(), view.experiment(), view.markedAt());
    }
}
