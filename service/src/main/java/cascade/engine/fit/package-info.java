/**
 * Fits over a curve of n: power laws on log-log axes with 95% intervals, and the saturating fit.
 * Pure numerics over finished summaries; no sampling, no estimator.
 */
@NullMarked
package cascade.engine.fit;

import org.jspecify.annotations.NullMarked;
