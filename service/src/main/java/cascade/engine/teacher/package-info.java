/**
 * Teachers: synthetic hierarchical and SIGHT targets built from (spec, seed), and datasets as
 * teachers; each draws training and test samples from counter-based streams. The teacher kinds'
 * descriptors (parameters, parsing, catalog, factory) live here; their records in {@code spec}.
 */
@NullMarked
package cascade.engine.teacher;

import org.jspecify.annotations.NullMarked;
