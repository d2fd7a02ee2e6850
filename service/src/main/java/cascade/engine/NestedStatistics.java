package cascade.engine;

import cascade.engine.features.FeatureMap;
import org.jspecify.annotations.Nullable;

/**
 * Statistics of the training data that a nested sweep lets estimators reuse across n instead of
 * recomputing (SCIENCE.md sweeps: the samples at a smaller n are a prefix of those at a larger one).
 * Exact: the answer equals what the estimator would compute from its own rows, up to the order of
 * floating-point summation.
 */
public interface NestedStatistics {

    /** No reuse: every estimator computes from its own rows. */
    NestedStatistics NONE = (map, n, control) -> null;

    /**
     * The label-weighted Gram sum_{i < n} y_i f(x_i) f(x_i)^T (D x D, both triangles) of the
     * feature map f over the first n training rows, with y the standardised labels this run's
     * estimators see, or null when it cannot be built from reusable pieces (then compute it).
     */
    double @Nullable [] weightedGram(FeatureMap map, int n, RunControl control);
}
