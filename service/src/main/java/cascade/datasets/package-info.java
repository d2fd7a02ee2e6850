/**
 * Uploaded datasets: validated while streamed, stored in bytea chunks (tables {@code dataset},
 * {@code dataset_chunk}), loaded once per worker process into a bounded cache. Asks the
 * experiments module which experiments use a dataset; never touches the experiment or run table.
 */
@NullMarked
package cascade.datasets;

import org.jspecify.annotations.NullMarked;
