package cascade.engine.teacher;

import cascade.engine.Kinds;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.features.FeatureMap;
import cascade.engine.spec.TeacherSpec;
import org.jspecify.annotations.Nullable;

/**
 * A synthetic target (SCIENCE.md 3) built once from (spec, seed). The same object draws training
 * and test data (same weights); samples come from counter-based streams, so row i of a stream is
 * the same for every n, batch size and thread.
 */
public sealed interface Teacher permits PlantedTeacher, SightModel, DatasetModel {

    static Teacher of(TeacherSpec spec, long seed) {
        return of(spec, seed, DatasetSource.NONE);
    }

    /** The teacher of (spec, seed); a dataset teacher loads its data from {@code datasets}. */
    static Teacher of(TeacherSpec spec, long seed, DatasetSource datasets) {
        return Kinds.of(spec).teacher(spec, seed, datasets);
    }

    /** Dimension of the inputs the estimators see. */
    int inputDimension();

    /** Draws rows [0, n) of the named stream ("train", "test"): inputs and raw (unstandardised) labels. */
    Sample sample(String stream, int n);

    /** Planted first-layer directions as orthonormal rows (p x D) in the Hermite feature space, or null. */
    double @Nullable [] directions();

    /** Number of planted directions p (0 when none). */
    int planted();

    /** The map from inputs to the feature space the planted directions live in. */
    FeatureMap featureMap();

    /** Inputs x (n x dim, row-major) and raw labels y (n). */
    record Sample(double[] x, int n, int dim, double[] y) {
    }
}
