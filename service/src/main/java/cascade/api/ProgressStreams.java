package cascade.api;

import cascade.experiments.ExperimentNotFoundException;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Open event streams by experiment. The database is the source of truth (runs may finish on any
 * instance), so each experiment with listeners is read once per tick and a `progress` event goes
 * out when its state changed; the stream completes after a terminal status.
 */
@Component
class ProgressStreams {

    private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);
    private static final long TIMEOUT_MS = 30 * 60 * 1000L;

    private final Experiments experiments;
    private final Map<UUID, Set<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private final Map<UUID, ExperimentResponse> lastSent = new ConcurrentHashMap<>();

    ProgressStreams(Experiments experiments) {
        this.experiments = experiments;
    }

    SseEmitter open(UUID id) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        listeners.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(emitter);
        emitter.onCompletion(() -> remove(id, emitter));
        emitter.onTimeout(() -> remove(id, emitter));
        emitter.onError(e -> remove(id, emitter));
        ExperimentResponse now = ExperimentResponse.of(experiments.get(id));
        send(id, emitter, now);
        return emitter;
    }

    /** One tick: read each watched experiment once and fan the change out to its listeners. */
    @Scheduled(fixedDelayString = "${cascade.api.events-interval-ms:500}")
    void tick() {
        for (UUID id : listeners.keySet()) {
            ExperimentResponse now;
            try {
                now = ExperimentResponse.of(experiments.get(id));
            } catch (ExperimentNotFoundException gone) {
                listeners.getOrDefault(id, Set.of()).forEach(SseEmitter::complete);
                listeners.remove(id);
                continue;
            } catch (RuntimeException ex) {
                log.debug("progress read failed for {}: {}", id, ex.getMessage());
                continue;
            }
            if (!now.equals(lastSent.get(id))) {
                listeners.getOrDefault(id, Set.of()).forEach(e -> send(id, e, now));
            }
        }
    }

    private void send(UUID id, SseEmitter emitter, ExperimentResponse state) {
        try {
            emitter.send(SseEmitter.event().name("progress").id(Integer.toString(state.progress().done()))
                    .data(state, org.springframework.http.MediaType.APPLICATION_JSON));
            lastSent.put(id, state);
            if (state.status().isTerminal()) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException closed) {
            remove(id, emitter);
        }
    }

    private void remove(UUID id, SseEmitter emitter) {
        Set<SseEmitter> set = listeners.get(id);
        if (set != null) {
            set.remove(emitter);
            if (set.isEmpty()) {
                listeners.remove(id);
                lastSent.remove(id);
            }
        }
    }
}
