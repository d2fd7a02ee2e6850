package cascade.engine;

/**
 * Training data: inputs and their labels (standardised with the training mean and std), and the
 * statistics a nested sweep can share across n ({@link NestedStatistics#NONE} when none).
 */
public record Data(Inputs x, double[] y, NestedStatistics nested) {

    public Data {
        if (y.length != x.n()) {
            throw new IllegalArgumentException("labels " + y.length + " != rows " + x.n());
        }
    }

    public Data(Inputs x, double[] y) {
        this(x, y, NestedStatistics.NONE);
    }

    public int n() {
        return y.length;
    }
}
