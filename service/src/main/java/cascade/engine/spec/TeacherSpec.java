package cascade.engine.spec;

import cascade.engine.features.FeatureMap;

/**
 * The target an experiment learns (SCIENCE.md section 3). One record per kind, each with its
 * descriptor in {@code cascade.engine.Kinds.TEACHERS} (parameters, parsing, catalog, factory).
 */
public sealed interface TeacherSpec permits HierarchicalTeacher, ThreeLevelTeacher, SightTeacher, DatasetTeacher {

    /** The JSON {@code kind}. */
    String kind();

    /** Dimension of the inputs the estimators see (d for hermite, D for gaussian-equivalent). */
    int inputDimension();

    /** Number of planted first-layer directions, or 0 when the teacher has none to compare with. */
    int plantedDirections();

    /**
     * The Hermite feature map of the fitting model's first layer for this input format (identity
     * for gaussian-equivalent inputs); only synthetic teachers have one.
     *
     * @throws IllegalArgumentException for a dataset teacher
     */
    FeatureMap featureMap();
}
