package cascade.engine;

/** Training data: inputs and their labels (standardised with the training mean and std). */
public record Data(Inputs x, double[] y) {

    public Data {
        if (y.length != x.n()) {
            throw new IllegalArgumentException("labels " + y.length + " != rows " + x.n());
        }
    }

    public int n() {
        return y.length;
    }
}
