/**
 * Results: the contract result document of an experiment, aggregated by the engine from its
 * finished runs (partial while running), with a bounded cache of the last aggregates. Reads runs
 * and experiments through their front doors; owns no table.
 */
@NullMarked
package cascade.results;

import org.jspecify.annotations.NullMarked;
