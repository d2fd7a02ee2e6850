/**
 * The layer-wise and shallow spectral estimators (SCIENCE.md 4; P1, P3): the matrix-free
 * first-layer operator, top eigenpairs by block power iteration, calibration; and the descriptors
 * of the hierarchical-spectral and shallow-spectral kinds with their spec records and memory terms.
 */
@NullMarked
package cascade.engine.spectral;

import org.jspecify.annotations.NullMarked;
