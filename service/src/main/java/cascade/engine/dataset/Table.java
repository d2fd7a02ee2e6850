package cascade.engine.dataset;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Feature values (row-major) and labels as they arrive from a reader: counted always, kept only
 * when loading, allocated once at a shape the caller vouched for ({@link DatasetReader.Shape}) or
 * grown with the data otherwise; a label summary in constant memory when not kept.
 */
final class Table {

    private final boolean keep;
    private final DatasetReader.@Nullable Shape expected;
    int columns = -1;
    private final Values x;
    private final Values y;
    private final @Nullable LabelTally tally;

    Table(boolean keep, DatasetReader.@Nullable Shape expected) {
        this.keep = keep;
        this.expected = expected;
        this.x = new Values(keep);
        this.y = new Values(keep);
        this.tally = keep ? null : new LabelTally();
    }

    /** CSV: the feature column count from the header; the row count is unknown until the end. */
    void columns(int c, String part) {
        if (c < 1) {
            throw new InvalidDatasetException(part, "needs at least one feature column");
        }
        if (expected != null && c != expected.columns()) {
            throw new InvalidDatasetException(part, "the CSV has " + c + " feature columns, but the dataset "
                    + "was stored as " + expected.rows() + " x " + expected.columns());
        }
        columns = c;
        if (expected != null) {
            x.reserve((long) expected.rows() * c, true);
            y.reserve(expected.rows(), true);
        }
    }

    /**
     * .npy features: a header claiming rows x c, already checked to hold at most
     * {@link DatasetReader#MAX_VALUES} values. Allocates the claim only when the caller vouched for it.
     */
    void featuresHeader(long rows, int c, String part, String what, String shape) {
        if (expected != null && (rows != expected.rows() || c != expected.columns())) {
            throw new InvalidDatasetException(part, what + " has shape " + shape + ", but the dataset was stored as "
                    + expected.rows() + " x " + expected.columns());
        }
        columns = c;
        x.reserve(rows * c, expected != null);
    }

    /** .npy labels: a header claiming {@code rows} labels (at most {@link DatasetReader#MAX_VALUES}). */
    void labelsHeader(long rows, String part, String what, String shape) {
        if (expected != null && rows != expected.rows()) {
            throw new InvalidDatasetException(part, what + " has shape " + shape + ", but the dataset was stored "
                    + "with " + expected.rows() + " rows");
        }
        y.reserve(rows, expected != null);
    }

    void feature(double v, String part) {
        if (!x.add(v)) {
            throw new InvalidDatasetException(part, expected != null
                    ? "the data has more than the " + expected.rows() + " stored rows"
                    : "too large: more than " + DatasetReader.MAX_VALUES + " feature values");
        }
    }

    void label(double v, String part) {
        if (!y.add(v)) {
            throw new InvalidDatasetException(part, expected != null
                    ? "the data has more than the " + expected.rows() + " stored rows"
                    : "too many rows: more than " + DatasetReader.MAX_VALUES);
        }
        if (tally != null) {
            tally.add(v);
        }
    }

    long featureRows() {
        return columns <= 0 ? 0 : x.count / columns;
    }

    int rows() {
        return (int) featureRows();
    }

    double[] features() {
        return x.array();
    }

    double[] labels() {
        return y.array();
    }

    LabelSummary summary() {
        return tally == null ? LabelSummary.of(labels()) : tally.summary();
    }

    void finish(String part) {
        if (featureRows() == 0) {
            throw new InvalidDatasetException(part, "the dataset has no rows");
        }
        if (y.count != featureRows()) {
            throw new InvalidDatasetException(part, "label count mismatch: " + y.count
                    + " labels for " + featureRows() + " feature rows");
        }
        if (expected != null && featureRows() != expected.rows()) {
            throw new InvalidDatasetException(part, "the data has " + featureRows() + " rows, but the dataset "
                    + "was stored with " + expected.rows());
        }
    }

    /**
     * A count of values and, when kept, the values in an array that grows with what has arrived
     * (doubling, up to the announced count), or is allocated once at a size the caller vouched for.
     */
    private static final class Values {
        private static final int FIRST = 1 << 16;
        private final boolean keep;
        private double[] a = new double[0];
        private long count;
        private long limit = DatasetReader.MAX_VALUES;

        Values(boolean keep) {
            this.keep = keep;
        }

        /** At most {@code n} more values will come (n <= MAX_VALUES); {@code exact}: allocate them now. */
        void reserve(long n, boolean exact) {
            limit = Math.min(DatasetReader.MAX_VALUES, count + n);
            if (keep && exact) {
                a = Arrays.copyOf(a, (int) limit);
            }
        }

        boolean add(double v) {
            if (count >= limit) {
                return false;
            }
            if (keep) {
                if (count == a.length) {
                    a = Arrays.copyOf(a, (int) Math.min(limit, Math.max(FIRST, 2L * a.length)));
                }
                a[(int) count] = v;
            }
            count++;
            return true;
        }

        double[] array() {
            return a.length == count ? a : Arrays.copyOf(a, (int) count);
        }
    }
}
