/**
 * What a run is measured by: overlaps between planted and recovered directions (with Hungarian
 * matching), summaries over seeds, and threshold crossings. Pure functions.
 */
@NullMarked
package cascade.engine.metrics;

import org.jspecify.annotations.NullMarked;
