/**
 * Wiring only: the clock every module reads time from, scheduling, and the embedded PostgreSQL
 * used when no database is configured. Nothing depends on it.
 */
@NullMarked
package cascade.system;

import org.jspecify.annotations.NullMarked;
