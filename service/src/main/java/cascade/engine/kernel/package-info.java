/**
 * The lazy baselines: kernel ridge, random features and linear ridge, with their kernels,
 * activations and the exact leave-one-out ridge solver. Calls BLAS only through
 * {@code cascade.engine.linalg}.
 */
@NullMarked
package cascade.engine.kernel;

import org.jspecify.annotations.NullMarked;
