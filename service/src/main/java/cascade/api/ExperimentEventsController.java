package cascade.api;

import cascade.experiments.Experiments;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** GET /experiments/{id}/events: server-sent `progress` events until the experiment is terminal. */
@RestController
class ExperimentEventsController {

    private final Experiments experiments;
    private final ProgressStreams streams;

    ExperimentEventsController(Experiments experiments, ProgressStreams streams) {
        this.experiments = experiments;
        this.streams = streams;
    }

    @GetMapping(value = "/experiments/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID id) {
        experiments.get(id);
        return streams.open(id);
    }
}
