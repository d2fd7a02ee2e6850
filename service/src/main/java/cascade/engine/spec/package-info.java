/**
 * Specs as records: the sealed teacher and estimator kinds, the parser (every bad field named) and
 * writer of spec JSON trees, the catalog of kinds and defaults, and submission-time checks. Holds
 * no algorithm.
 */
@NullMarked
package cascade.engine.spec;

import org.jspecify.annotations.NullMarked;
