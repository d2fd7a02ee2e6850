/**
 * Leading-order theory of the spectral estimator on the Gaussian-equivalent teacher (SCIENCE.md 6):
 * thresholds, overlaps and the predicted slope over a window. Closed forms only.
 */
@NullMarked
package cascade.engine.theory;

import org.jspecify.annotations.NullMarked;
