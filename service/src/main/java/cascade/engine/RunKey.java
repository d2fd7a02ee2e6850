package cascade.engine;

/** One unit of work: the estimator at index {@code estimator} of the spec, at sample size n, seed. */
public record RunKey(int estimator, int n, long seed) {
}
