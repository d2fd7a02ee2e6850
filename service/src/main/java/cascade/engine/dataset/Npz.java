package cascade.engine.dataset;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A NumPy .npz: a zip of .npy entries, two of which (by name) are the features and the labels.
 * A zip is a decompression bomb waiting to happen, so every entry is inflated through one counter
 * ({@link DatasetReader.Limits#maxInflatedBytes}, over all entries, the skipped ones included);
 * the sizes the archive declares are never read, and the number of entries is bounded.
 */
final class Npz {

    private Npz() {
    }

    static void read(InputStream in, DatasetLayout layout, DatasetReader.Limits limits, Table t) throws IOException {
        List<String> names = new ArrayList<>();
        boolean features = false;
        boolean labels = false;
        // Not closed: the caller owns the stream and drains what follows the last entry.
        ZipInputStream zip = new ZipInputStream(in);
        Inflated entry = new Inflated(zip, limits.maxInflatedBytes());
        try {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (names.size() == limits.maxArchiveEntries()) {
                    throw new InvalidDatasetException("body", "the .npz has more than " + limits.maxArchiveEntries()
                            + " entries");
                }
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4)
                        : e.getName();
                names.add(name);
                entry.start(Csv.shorten(e.getName()));
                if (name.equals(layout.featuresArray()) && !features) {
                    features = true;
                    Npy.read(entry, "body", "array '" + Csv.shorten(name) + "'", Npy.Role.FEATURES, t, false,
                            limits.maxInflatedBytes());
                } else if (name.equals(layout.labelsArray()) && !labels) {
                    labels = true;
                    Npy.read(entry, "body", "array '" + Csv.shorten(name) + "'", Npy.Role.LABELS, t, false,
                            limits.maxInflatedBytes());
                }
                // Through the counter: ZipInputStream.closeEntry would inflate the rest uncounted.
                entry.drain();
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
                    + Csv.abbreviate(names.toArray(String[]::new))
                    + "); name the arrays with the featuresArray and labelsArray parameters");
        }
    }

    /**
     * The current .npz entry, inflated through a counter shared by all entries: more than the
     * limit in total stops the read, whatever the archive declares. Skipping reads through it.
     */
    private static final class Inflated extends FilterInputStream {
        private final long limit;
        private long total;
        private String entry = "";

        Inflated(ZipInputStream zip, long limit) {
            super(zip);
            this.limit = limit;
        }

        void start(String name) {
            entry = name;
        }

        private void count(long n) {
            total += n;
            if (total > limit) {
                throw new InvalidDatasetException("body", "the .npz inflates to more than " + limit
                        + " bytes (the limit; reached in entry '" + entry + "')");
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
            int got = n <= 0 ? 0 : read(buf, 0, buf.length);
            return Math.max(0, got);
        }

        /** Reads the rest of the current entry (counted). */
        void drain() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) >= 0) {
                // counted by read
            }
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
