/**
 * The layer-wise spectral estimators (P1, P3): the first-layer operator on Hermite features, its top
 * eigenpairs by block power iteration, calibration and the spectrum of the null bulk, with the
 * hierarchical-spectral and shallow-spectral kinds (spec records, descriptors, memory terms). Calls
 * BLAS only through {@code cascade.engine.linalg}.
 */
@NullMarked
package cascade.engine.spectral;

import org.jspecify.annotations.NullMarked;
