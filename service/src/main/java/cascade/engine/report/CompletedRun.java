package cascade.engine.report;

import cascade.engine.RunKey;
import cascade.engine.RunOutcome;

/** A run that has finished successfully, as the aggregation sees it. */
public record CompletedRun(RunKey key, RunOutcome outcome) {
}
