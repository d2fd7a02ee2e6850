/**
 * The command line: {@code run SPEC.json} computes an experiment in this process with the engine
 * alone (no Spring, no database), and {@code submit} is a CI client of a running service over HTTP.
 * Uses no other module but the engine.
 */
@NullMarked
package cascade.cli;

import org.jspecify.annotations.NullMarked;
