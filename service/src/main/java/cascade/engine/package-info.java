/**
 * The engine: plain Java that runs one (estimator, n, seed) of an experiment and estimates its
 * memory, without Spring, JPA or Jackson (ArchitectureTests). {@link cascade.engine.Kinds} is the
 * registry of every estimator and teacher kind; {@link cascade.engine.EstimatorKind} and
 * {@link cascade.engine.TeacherKind} say what a kind must supply. Every BLAS call goes through
 * {@code linalg}; the engine logs and prints nothing.
 */
@NullMarked
package cascade.engine;

import org.jspecify.annotations.NullMarked;
