/**
 * The workers: a pool of platform threads that claim runs, compute them with the engine outside
 * any transaction and record the outcome, plus heartbeats and the lease reaper. Owns no table (all
 * through the runs module's queue); nothing depends on it.
 */
@NullMarked
package cascade.jobs;

import org.jspecify.annotations.NullMarked;
