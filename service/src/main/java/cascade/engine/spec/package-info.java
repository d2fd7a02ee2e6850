/**
 * The spec language: reading a JSON tree into an {@link cascade.engine.spec.ExperimentSpec}
 * (every bad field named at once), writing it back as the spec as run, and the catalog of kinds.
 * Kinds declare their fields as {@link cascade.engine.spec.Param}s read through
 * {@link cascade.engine.spec.Tree}; this package holds what all kinds share and reaches each kind
 * only through the registry, {@link cascade.engine.Kinds}.
 */
@NullMarked
package cascade.engine.spec;

import org.jspecify.annotations.NullMarked;
