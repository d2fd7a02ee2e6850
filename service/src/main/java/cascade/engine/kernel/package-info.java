/**
 * The lazy baselines: kernel ridge, random features and linear ridge, with their kernels,
 * activations and the exact leave-one-out ridge solver, and the kernel-ridge, random-features and
 * ridge kinds (spec records, descriptors, memory terms). Calls BLAS only through
 * {@code cascade.engine.linalg}.
 */
@NullMarked
package cascade.engine.kernel;

import org.jspecify.annotations.NullMarked;
