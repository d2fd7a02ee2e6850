/**
 * Neural LoFi (P2): layer-wise random expansions reduced by spectral steps, at finite width and in
 * the kernel limit, and the deep NNGP baseline, with the neural-lofi and deep-nngp kinds (spec
 * records, descriptors, memory terms). Calls BLAS only through {@code cascade.engine.linalg}.
 */
@NullMarked
package cascade.engine.lofi;

import org.jspecify.annotations.NullMarked;
