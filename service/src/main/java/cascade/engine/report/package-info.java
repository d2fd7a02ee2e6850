/**
 * The result contract: finished runs aggregated into curves, fits, crossings, the theory overlay
 * and verdicts, and the result document clients receive. Deterministic in the set of runs,
 * whatever order they finished in.
 */
@NullMarked
package cascade.engine.report;

import org.jspecify.annotations.NullMarked;
