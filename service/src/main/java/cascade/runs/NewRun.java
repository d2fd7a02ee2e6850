package cascade.runs;

/**
 * One run to enqueue: which estimator of the experiment (its index in the spec and its name), the
 * training size and the seed. The queue claims runs in the order they were enqueued.
 */
public record NewRun(int estimatorIndex, String estimator, int n, long seed) {
}
