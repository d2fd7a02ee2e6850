package cascade.engine.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads uploaded datasets (CSV, .npz, .npy pair) in one streaming pass, validating as it goes:
 * shapes, dtypes, non-numeric cells, NaN and infinite values, label count. {@link #scan} keeps
 * no per-row memory (a constant-size label summary instead of the labels: upload validation);
 * {@link #load} keeps everything (workers, the command line). Problems are
 * {@link InvalidDatasetException}s whose message says what is wrong and where.
 *
 * <p>Nothing a file claims is trusted with memory. An .npz is inflated through a counter
 * ({@link Limits#maxInflatedBytes}, over all entries, the ones skipped included; its declared
 * sizes are never read) and may have at most {@link Limits#maxArchiveEntries} entries; a CSV line
 * may be at most {@link Limits#maxLineLength} bytes; a .npy shape whose product exceeds
 * {@link #MAX_VALUES} (or a long) is refused before any data is read. Loading allocates from a
 * header only when the caller vouches for the shape ({@link Shape}, the worker's stored metadata,
 * which the header must then match exactly); otherwise arrays grow with the data that actually
 * arrives, so a header claiming billions of rows over a few bytes costs a few bytes.
 */
public final class DatasetReader {

    /** Most feature values one dataset may hold in memory (one Java array); also the most rows. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 16L;

    /**
     * Bounds on what an upload may expand to while it is read.
     *
     * @param maxInflatedBytes  most bytes all entries of an .npz together may inflate to, counted
     *                          while inflating (per entry and in total)
     * @param maxArchiveEntries most entries an .npz may have
     * @param maxLineLength     longest CSV line, in bytes, the header included
     */
    public record Limits(long maxInflatedBytes, int maxArchiveEntries, int maxLineLength) {

        /** 2 GiB inflated, 64 entries, 1 MiB lines. */
        public static final Limits DEFAULT = new Limits(2L << 30, 64, 1 << 20);

        public Limits {
            if (maxInflatedBytes < 1 || maxArchiveEntries < 1 || maxLineLength < 1) {
                throw new IllegalArgumentException("dataset limits must be positive: maxInflatedBytes "
                        + maxInflatedBytes + ", maxArchiveEntries " + maxArchiveEntries + ", maxLineLength "
                        + maxLineLength);
            }
        }
    }

    /** A shape the caller vouches for (a stored dataset's metadata): rows x feature columns. */
    public record Shape(int rows, int columns) {

        public Shape {
            if (rows < 1 || columns < 1 || (long) rows * columns > MAX_VALUES) {
                throw new IllegalArgumentException("no dataset has shape " + rows + " x " + columns);
            }
        }
    }

    /** What a scan found: shape and label summary. */
    public record Scan(int rows, int columns, LabelSummary labels) {
    }

    private DatasetReader() {
    }

    /** Validates within {@link Limits#DEFAULT} without keeping the features; the parts are read to their end. */
    public static Scan scan(DatasetFormat format, DatasetLayout layout, List<InputStream> parts) {
        return scan(format, layout, parts, Limits.DEFAULT);
    }

    /** Validates within {@code limits} without keeping per-row data. */
    public static Scan scan(DatasetFormat format, DatasetLayout layout, List<InputStream> parts, Limits limits) {
        Table t = read(format, layout, parts, limits, new Table(false, null));
        return new Scan(t.rows(), t.columns, t.summary());
    }

    /** Reads and keeps everything, within {@link Limits#DEFAULT}, allocating as the data arrives. */
    public static Dataset load(DatasetFormat format, DatasetLayout layout, List<InputStream> parts) {
        return load(format, layout, parts, Limits.DEFAULT, null);
    }

    /**
     * Reads and keeps everything. With {@code expected} the headers must state exactly that shape
     * (else an {@link InvalidDatasetException} before any data is read) and the arrays are
     * allocated once at that size; without it they grow with the data.
     */
    public static Dataset load(DatasetFormat format, DatasetLayout layout, List<InputStream> parts, Limits limits,
            @Nullable Shape expected) {
        Table t = read(format, layout, parts, limits, new Table(true, expected));
        return new Dataset(t.rows(), t.columns, t.features(), t.labels());
    }

    private static Table read(DatasetFormat format, DatasetLayout layout, List<InputStream> parts, Limits limits,
            Table t) {
        if (parts.size() != format.parts()) {
            throw new InvalidDatasetException("body", format.json() + " takes " + format.parts() + " file(s), got "
                    + parts.size());
        }
        try {
            switch (format) {
                case CSV -> Csv.read(parts.get(0), layout.labelColumn(), limits.maxLineLength(), t);
                case NPZ -> Npz.read(parts.get(0), layout, limits, t);
                case NPY -> {
                    Npy.read(parts.get(0), "features", "features", Npy.Role.FEATURES, t, true, Long.MAX_VALUE);
                    Npy.read(parts.get(1), "labels", "labels", Npy.Role.LABELS, t, true, Long.MAX_VALUE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        t.finish(format == DatasetFormat.CSV ? "body" : "labels");
        return t;
    }
}
