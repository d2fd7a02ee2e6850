package cascade.engine.spec;

/** The synthetic target an experiment learns (SCIENCE.md section 3). One record per kind. */
public sealed interface TeacherSpec permits HierarchicalTeacher, ThreeLevelTeacher, SightTeacher, DatasetTeacher {

    /** The JSON {@code kind}. */
    String kind();

    /** Dimension of the inputs the estimators see (d for hermite, D for gaussian-equivalent). */
    int inputDimension();

    /** Number of planted first-layer directions, or 0 when the teacher has none to compare with. */
    int plantedDirections();
}
