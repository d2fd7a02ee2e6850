package cascade.engine.spec;

import cascade.engine.features.FeatureMap;

/**
 * A stored dataset as the target (CONTRACT.md: {@code dataset} with id, labels, standardize,
 * testFraction). Rows are split by seed into a held-out test set and a training set whose prefixes
 * are the sweep's nested training sets; features are standardised with training statistics only.
 *
 * @param id           the dataset's id (service: the uuid POST /datasets returned; command line:
 *                     the ID of {@code --dataset ID=path})
 * @param labels       raw labels, or a binary mapping (positive classes +1, others -1)
 * @param standardize  standardise each feature with the training split's mean and std
 * @param testFraction share of the rows held out for testing, chosen by the seed
 */
public record DatasetTeacher(String id, LabelMapping labels, boolean standardize, double testFraction)
        implements TeacherSpec {

    public static final String KIND = "dataset";

    @Override
    public String kind() {
        return KIND;
    }

    /** Known only once the data is loaded; 0 here. */
    @Override
    public int inputDimension() {
        return 0;
    }

    @Override
    public int plantedDirections() {
        return 0;
    }

    @Override
    public FeatureMap featureMap() {
        throw new IllegalArgumentException(
                "spectral estimators need Hermite inputs; the spec parser refuses them on datasets");
    }

    /** Rows held out for testing: round(rows x testFraction), at least 1. */
    public int testRows(int rows) {
        return (int) Math.max(1, Math.min(rows - 1L, Math.round(rows * testFraction)));
    }

    /** Rows available for training; the sweep's n may not exceed this. */
    public int trainRows(int rows) {
        return rows - testRows(rows);
    }
}
