/**
 * Seeded, counter-based random streams: every sample and every other random draw comes from the
 * run's seed by a fixed rule, so numbers never depend on batch size, thread or worker.
 */
@NullMarked
package cascade.engine.random;

import org.jspecify.annotations.NullMarked;
