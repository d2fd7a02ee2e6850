/**
 * Neural LoFi at finite width and in its kernel limit, and the deep NNGP baseline (SCIENCE.md 4;
 * P2), with the descriptors of the neural-lofi and deep-nngp kinds, their spec records and memory
 * terms.
 */
@NullMarked
package cascade.engine.lofi;

import org.jspecify.annotations.NullMarked;
