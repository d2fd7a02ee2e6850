/**
 * The engine: plain Java (java.*, Commons Math and RNG, JSpecify; OpenBLAS only through
 * {@code linalg}), no Spring, JPA, Jackson or other module of ours. Runs one (estimator, n, seed)
 * of a spec ({@link cascade.engine.Engine}) and estimates its memory; {@link cascade.engine.Kinds}
 * is the registry of every estimator and teacher kind, {@link cascade.engine.EstimatorKind} and
 * {@link cascade.engine.TeacherKind} what a kind supplies. Never logs, prints, opens a database or
 * starts a thread of its own beyond BLAS.
 */
@NullMarked
package cascade.engine;

import org.jspecify.annotations.NullMarked;
