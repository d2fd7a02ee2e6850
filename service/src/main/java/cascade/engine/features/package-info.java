/**
 * Feature maps from inputs to the Hermite feature space the hierarchical estimators work in
 * (degree 2 and 3), row-major batches in and out. Pure functions of their input.
 */
@NullMarked
package cascade.engine.features;

import org.jspecify.annotations.NullMarked;
