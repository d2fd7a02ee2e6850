/**
 * Kernel ridge regression, random features and linear ridge (the lazy baselines of SCIENCE.md 4),
 * their shared ridge solvers, and the descriptors of the kernel-ridge, random-features and ridge
 * kinds with their spec records and memory terms.
 */
@NullMarked
package cascade.engine.kernel;

import org.jspecify.annotations.NullMarked;
