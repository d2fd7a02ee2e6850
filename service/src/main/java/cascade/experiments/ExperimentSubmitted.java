package cascade.experiments;

import java.util.UUID;

/** Published after the submission's transaction commits: runs are waiting to be claimed. */
public record ExperimentSubmitted(UUID experimentId, int runs) {
}
