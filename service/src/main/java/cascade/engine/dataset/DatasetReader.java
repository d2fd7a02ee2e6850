package cascade.engine.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads uploaded datasets (CSV, .npz, .npy pair) in one streaming pass, validating as it goes:
 * shapes, dtypes, non-numeric cells, NaN and infinite values, label count. {@link #scan} keeps
 * only the labels (upload validation: memory independent of the feature count); {@link #load}
 * keeps everything (workers, the command line). Problems are {@link InvalidDatasetException}s
 * whose message says what is wrong and where.
 */
public final class DatasetReader {

    /** Most feature values one dataset may hold in memory (one Java array). */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 16L;

    /** What a scan found: shape and label summary. */
    public record Scan(int rows, int columns, LabelSummary labels) {
    }

    private DatasetReader() {
    }

    /** Validates without keeping the features; the parts are read to their end. */
    public static Scan scan(DatasetFormat format, DatasetLayout layout, List<InputStream> parts) {
        Table t = read(format, layout, parts, false);
        return new Scan(t.rows(), t.columns, LabelSummary.of(t.labels()));
    }

    /** Reads and keeps everything. */
    public static Dataset load(DatasetFormat format, DatasetLayout layout, List<InputStream> parts) {
        Table t = read(format, layout, parts, true);
        return new Dataset(t.rows(), t.columns, t.features(), t.labels());
    }

    private static Table read(DatasetFormat format, DatasetLayout layout, List<InputStream> parts, boolean keep) {
        if (parts.size() != format.parts()) {
            throw new InvalidDatasetException("body", format.json() + " takes " + format.parts() + " file(s), got "
                    + parts.size());
        }
        Table t = new Table(keep);
        try {
            switch (format) {
                case CSV -> Csv.read(parts.get(0), layout.labelColumn(), t);
                case NPZ -> npz(parts.get(0), layout, t);
                case NPY -> {
                    Npy.read(parts.get(0), "features", "features", Npy.Role.FEATURES, t, true);
                    Npy.read(parts.get(1), "labels", "labels", Npy.Role.LABELS, t, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        t.finish(format == DatasetFormat.CSV ? "body" : "labels");
        return t;
    }

    private static void npz(InputStream in, DatasetLayout layout, Table t) throws IOException {
        List<String> names = new ArrayList<>();
        boolean features = false;
        boolean labels = false;
        // Not closed: the caller owns the stream and drains what follows the last entry.
        ZipInputStream zip = new ZipInputStream(in);
        try {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4)
                        : e.getName();
                names.add(name);
                if (name.equals(layout.featuresArray()) && !features) {
                    features = true;
                    Npy.read(zip, "body", "array '" + name + "'", Npy.Role.FEATURES, t, false);
                } else if (name.equals(layout.labelsArray()) && !labels) {
                    labels = true;
                    Npy.read(zip, "body", "array '" + name + "'", Npy.Role.LABELS, t, false);
                }
                zip.closeEntry();
            }
        } catch (ZipException e) {
            throw new InvalidDatasetException("body", "not a valid .npz (zip) archive: " + e.getMessage());
        }
        if (names.isEmpty()) {
            throw new InvalidDatasetException("body", "not a NumPy .npz archive: no arrays found");
        }
        if (!features || !labels) {
            throw new InvalidDatasetException("body", "the .npz has no array '"
                    + (!features ? layout.featuresArray() : layout.labelsArray()) + "' (arrays: "
                    + String.join(", ", names) + "); name the arrays with the featuresArray and labelsArray parameters");
        }
    }

    /** Feature values (row-major) and labels as they arrive; features only when kept. */
    static final class Table {
        private final boolean keep;
        int columns = -1;
        private long featureValues;
        private double[] x = new double[0];
        private double[] y = new double[1024];
        private int labelCount;

        Table(boolean keep) {
            this.keep = keep;
        }

        void columns(int c, long expectedRows, String part) {
            if (c < 1) {
                throw new InvalidDatasetException(part, "needs at least one feature column");
            }
            if (expectedRows > 0 && expectedRows * c > MAX_VALUES) {
                throw new InvalidDatasetException(part, "too large: " + expectedRows + " x " + c
                        + " feature values, at most " + MAX_VALUES);
            }
            columns = c;
            if (keep && expectedRows > 0) {
                x = new double[(int) (expectedRows * c)];
            }
        }

        void feature(double v, String part) {
            if (keep) {
                if (featureValues == x.length) {
                    if (featureValues >= MAX_VALUES) {
                        throw new InvalidDatasetException(part, "too large: more than " + MAX_VALUES + " feature values");
                    }
                    x = Arrays.copyOf(x, (int) Math.min(MAX_VALUES, Math.max(1024, 2 * (long) x.length)));
                }
                x[(int) featureValues] = v;
            } else if (featureValues >= MAX_VALUES) {
                throw new InvalidDatasetException(part, "too large: more than " + MAX_VALUES + " feature values");
            }
            featureValues++;
        }

        void label(double v) {
            if (labelCount == y.length) {
                y = Arrays.copyOf(y, 2 * y.length);
            }
            y[labelCount++] = v;
        }

        long featureRows() {
            return columns <= 0 ? 0 : featureValues / columns;
        }

        int rows() {
            return (int) featureRows();
        }

        int labelCount() {
            return labelCount;
        }

        double[] features() {
            return x.length == featureValues ? x : Arrays.copyOf(x, (int) featureValues);
        }

        double[] labels() {
            return Arrays.copyOf(y, labelCount);
        }

        void finish(String part) {
            if (featureRows() == 0) {
                throw new InvalidDatasetException(part, "the dataset has no rows");
            }
            if (featureRows() > Integer.MAX_VALUE - 16) {
                throw new InvalidDatasetException(part, "too many rows: " + featureRows());
            }
            if (labelCount != featureRows()) {
                throw new InvalidDatasetException(part, "label count mismatch: " + labelCount
                        + " labels for " + featureRows() + " feature rows");
            }
        }
    }
}
