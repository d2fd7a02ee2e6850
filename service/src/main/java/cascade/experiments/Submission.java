package cascade.experiments;

/** The answer to a submission: the experiment, and false when an earlier one was returned. */
public record Submission(ExperimentView experiment, boolean created) {
}
