package cascade.engine.dataset;

/**
 * A loaded dataset: {@code rows} feature vectors of dimension {@code columns} (row-major
 * {@code rows x columns}) and one raw label per row, as uploaded (no mapping, no scaling).
 */
public record Dataset(int rows, int columns, double[] x, double[] labels) {

    public Dataset {
        if ((long) rows * columns != x.length || labels.length != rows) {
            throw new IllegalArgumentException("dataset of " + rows + " x " + columns + " has " + x.length
                    + " feature values and " + labels.length + " labels");
        }
    }

    /** Heap bytes held by the arrays (what a cache bounds). */
    public long bytes() {
        return 8L * x.length + 8L * labels.length;
    }

    /** Heap bytes the arrays of a {@code rows x columns} dataset hold, computed without overflow. */
    public static long bytes(int rows, int columns) {
        return 8L * ((long) rows * columns + rows);
    }
}
