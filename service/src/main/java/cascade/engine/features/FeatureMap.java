package cascade.engine.features;

/**
 * Maps a batch of inputs (b x in, row-major) to features (b x out, row-major). The hierarchical
 * estimators work in the Hermite feature space; for gaussian-equivalent inputs the map is the
 * identity (the inputs already are the features z).
 */
public interface FeatureMap {

    int inputDimension();

    int outputDimension();

    /** Fills out (rows x outputDimension) from in (rows x inputDimension). */
    void apply(double[] in, int rows, double[] out);

    /** True when features are the inputs themselves (gaussian-equivalent): callers may skip copies. */
    default boolean isIdentity() {
        return false;
    }

    static FeatureMap identity(int dim) {
        return new FeatureMap() {
            @Override
            public int inputDimension() {
                return dim;
            }

            @Override
            public int outputDimension() {
                return dim;
            }

            @Override
            public void apply(double[] in, int rows, double[] out) {
                System.arraycopy(in, 0, out, 0, rows * dim);
            }

            @Override
            public boolean isIdentity() {
                return true;
            }
        };
    }

    /** Probabilists' Hermite features of degree q (2 or 3) of d inputs (SCIENCE.md 2). */
    static FeatureMap hermite(int d, int q) {
        return switch (q) {
            case 2 -> new Hermite2(d);
            case 3 -> new Hermite3(d);
            default -> throw new IllegalArgumentException("Hermite order must be 2 or 3, was " + q);
        };
    }
}
