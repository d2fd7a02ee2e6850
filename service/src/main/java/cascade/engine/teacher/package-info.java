/**
 * Teachers: synthetic hierarchical and SIGHT targets built from (spec, seed), and datasets as
 * teachers; each draws training and test samples from counter-based streams.
 */
@NullMarked
package cascade.engine.teacher;

import org.jspecify.annotations.NullMarked;
