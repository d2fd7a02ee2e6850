/**
 * Experiments: the only writer of tables {@code experiment} and {@code baseline}. Submission
 * expands a spec into runs, which it asks the runs module to enqueue, count, cancel and retry; the
 * experiment's status is derived from its runs and stored under the experiment's row lock. Never
 * touches the run table itself and knows nothing of HTTP or workers.
 */
@NullMarked
package cascade.experiments;

import org.jspecify.annotations.NullMarked;
