/**
 * The spec language: the parser (every bad field named) and writer of spec JSON trees, the catalog
 * of kinds and defaults, submission-time checks, and what all kinds share: {@link
 * cascade.engine.spec.Param} declarations read through {@link cascade.engine.spec.Tree}, the
 * sealed teacher records and the estimator interface. Holds no algorithm; reaches each kind only
 * through the registry, {@link cascade.engine.Kinds}.
 */
@NullMarked
package cascade.engine.spec;

import org.jspecify.annotations.NullMarked;
