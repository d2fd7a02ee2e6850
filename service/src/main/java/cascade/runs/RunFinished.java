package cascade.runs;

import java.util.UUID;

/** Published after commit when a run reached SUCCEEDED, FAILED, or went back to the queue. */
public record RunFinished(UUID experimentId, UUID runId, RunStatus status) {
}
