/**
 * The run table, alone: one row per (experiment, estimator, n, seed), used as a durable queue
 * (claim with FOR UPDATE SKIP LOCKED, leases renewed by heartbeats, a reaper, retries with back-off,
 * exactly-once results) and the run state machine ({@link cascade.runs.RunStatus},
 * {@link cascade.runs.RunMove}). Knows nothing of specs, sweeps or results, and never imports the
 * experiments module: it reaches experiment rows only through {@link cascade.runs.ExperimentRows}.
 */
@NullMarked
package cascade.runs;

import org.jspecify.annotations.NullMarked;
