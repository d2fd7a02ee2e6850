package cascade.engine.teacher;

import cascade.engine.dataset.Dataset;
import cascade.engine.features.FeatureMap;
import cascade.engine.random.Streams;
import cascade.engine.spec.DatasetTeacher;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * A stored dataset seen as a teacher. The seed draws a permutation of the rows (Fisher-Yates on
 * the stream "dataset.split" of the seed): its first trainRows entries are the training order, the
 * rest the held-out test set. Training samples at n are the first n of the training order, so
 * sweeps are nested and every estimator sees the same rows. With {@code standardize}, each feature
 * is centred and scaled by the mean and std (ddof 0) of the whole training split, never the test
 * rows; a row's features are then identical for every n. Constant features are only centred.
 */
public final class DatasetModel implements Teacher {

    private final Dataset data;
    private final DatasetTeacher spec;
    private final int[] order;
    private final int trainRows;
    private final double[] mean;
    private final double[] scale;

    public DatasetModel(DatasetTeacher spec, Dataset data, long seed) {
        this.spec = spec;
        this.data = data;
        this.order = permutation(seed, data.rows());
        this.trainRows = spec.trainRows(data.rows());
        int d = data.columns();
        this.mean = new double[d];
        this.scale = new double[d];
        java.util.Arrays.fill(scale, 1.0);
        if (spec.standardize()) {
            double[] sq = new double[d];
            double[] x = data.x();
            for (int i = 0; i < trainRows; i++) {
                int off = order[i] * d;
                for (int j = 0; j < d; j++) {
                    mean[j] += x[off + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= trainRows;
            }
            for (int i = 0; i < trainRows; i++) {
                int off = order[i] * d;
                for (int j = 0; j < d; j++) {
                    double c = x[off + j] - mean[j];
                    sq[j] += c * c;
                }
            }
            for (int j = 0; j < d; j++) {
                double sd = Math.sqrt(sq[j] / trainRows);
                scale[j] = sd > 0 ? 1 / sd : 1.0;
            }
        }
    }

    /** A permutation of [0, rows) drawn from the seed's "dataset.split" stream (Fisher-Yates). */
    public static int[] permutation(long seed, int rows) {
        int[] p = new int[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = i;
        }
        UniformRandomProvider rng = Streams.provider(seed, "dataset.split");
        for (int i = rows - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Rows available for training. */
    public int trainRows() {
        return trainRows;
    }

    /** Rows held out for testing. */
    public int testRows() {
        return data.rows() - trainRows;
    }

    /** Dataset row indices of the training order (first n = the training set at n). */
    public int[] trainOrder() {
        return java.util.Arrays.copyOfRange(order, 0, trainRows);
    }

    /** Dataset row indices of the held-out test rows. */
    public int[] testOrder() {
        return java.util.Arrays.copyOfRange(order, trainRows, order.length);
    }

    @Override
    public int inputDimension() {
        return data.columns();
    }

    /**
     * "train": the first n rows of the training order (n must not exceed the training rows);
     * "test": the first min(n, test rows) held-out rows. Labels mapped (raw or +-1).
     */
    @Override
    public Sample sample(String stream, int n) {
        int from;
        int count;
        switch (stream) {
            case "train" -> {
                if (n > trainRows) {
                    throw new IllegalArgumentException("n = " + n + " exceeds the " + trainRows
                            + " training rows of dataset " + spec.id());
                }
                from = 0;
                count = n;
            }
            case "test" -> {
                from = trainRows;
                count = Math.min(n, testRows());
            }
            default -> throw new IllegalArgumentException("a dataset has train and test rows, not " + stream);
        }
        int d = data.columns();
        double[] x = new double[count * d];
        double[] y = new double[count];
        double[] src = data.x();
        for (int r = 0; r < count; r++) {
            int row = order[from + r];
            int off = row * d;
            int out = r * d;
            for (int j = 0; j < d; j++) {
                x[out + j] = (src[off + j] - mean[j]) * scale[j];
            }
            y[r] = spec.labels().apply(data.labels()[row]);
        }
        return new Sample(x, count, d, y);
    }

    @Override
    public double @Nullable [] directions() {
        return null;
    }

    @Override
    public int planted() {
        return 0;
    }

    @Override
    public FeatureMap featureMap() {
        return FeatureMap.identity(data.columns());
    }
}
