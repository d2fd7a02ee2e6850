/**
 * Aggregating finished runs into an experiment report: curves over seeds, power-law fits,
 * crossings, the theory overlay and CI verdicts (SCIENCE.md 5-7). Deterministic whatever order the
 * runs finished in.
 */
@NullMarked
package cascade.engine.report;

import org.jspecify.annotations.NullMarked;
