/**
 * Uploaded datasets as the engine sees them: streaming readers for CSV, .npy and .npz that validate
 * as they read, the loaded {@code rows x columns} data, and the source workers load them from.
 * Knows nothing of where the bytes are stored.
 */
@NullMarked
package cascade.engine.dataset;

import org.jspecify.annotations.NullMarked;
