package cascade.cli;

import cascade.engine.dataset.Dataset;
import cascade.engine.dataset.DatasetFormat;
import cascade.engine.dataset.DatasetLayout;
import cascade.engine.dataset.DatasetReader;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.dataset.LabelSummary;
import cascade.engine.dataset.UnknownDatasetException;
import cascade.engine.spec.DatasetShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Datasets given on the command line as {@code --dataset ID=path}: a .csv (label column "label"),
 * a .npz (arrays x and y), or a .npy pair {@code ID=features.npy,labels.npy}. Validated (exactly as
 * the service checks uploads) and then loaded at the validated shape, before the spec is checked
 * against them.
 */
final class LocalDatasets implements DatasetSource, DatasetShape.Catalog {

    private final Map<String, Dataset> loaded;

    private LocalDatasets(Map<String, Dataset> loaded) {
        this.loaded = loaded;
    }

    /** Loads every {@code ID -> path}; problems are IllegalArgumentExceptions naming the file. */
    static LocalDatasets load(Map<String, String> given) {
        Map<String, Dataset> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String[] paths = e.getValue().split(",");
            DatasetFormat format = paths.length == 2 ? DatasetFormat.NPY
                    : e.getValue().endsWith(".csv") ? DatasetFormat.CSV
                    : e.getValue().endsWith(".npz") ? DatasetFormat.NPZ : null;
            if (format == null) {
                throw new IllegalArgumentException("--dataset " + e.getKey() + "=" + e.getValue()
                        + ": give a .csv, a .npz, or features.npy,labels.npy");
            }
            try {
                // Two passes: the scan verifies the shape against the bytes present without keeping
                // rows, then the load allocates exactly that shape (no header sizes an array).
                DatasetReader.Scan scan = read(paths,
                        parts -> DatasetReader.scan(format, DatasetLayout.DEFAULT, parts));
                loaded.put(e.getKey(), read(paths, parts -> DatasetReader.load(format, DatasetLayout.DEFAULT, parts,
                        DatasetReader.Limits.DEFAULT, new DatasetReader.Shape(scan.rows(), scan.columns()))));
            } catch (IOException io) {
                throw new IllegalArgumentException("cannot read " + e.getValue() + ": " + io.getMessage());
            } catch (RuntimeException invalid) {
                throw new IllegalArgumentException(e.getValue() + " is not a usable dataset: " + invalid.getMessage());
            }
        }
        return new LocalDatasets(loaded);
    }

    private static <T> T read(String[] paths, java.util.function.Function<List<InputStream>, T> reader)
            throws IOException {
        List<InputStream> parts = new ArrayList<>();
        try {
            for (String p : paths) {
                parts.add(new java.io.BufferedInputStream(Files.newInputStream(Path.of(p)), 1 << 16));
            }
            return reader.apply(parts);
        } finally {
            for (InputStream in : parts) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only file
                }
            }
        }
    }

    @Override
    public Dataset load(String id) {
        Dataset d = loaded.get(id);
        if (d == null) {
            throw new UnknownDatasetException(id);
        }
        return d;
    }

    @Override
    public DatasetShape shape(String id) {
        Dataset d = loaded.get(id);
        if (d == null) {
            return null;
        }
        LabelSummary labels = LabelSummary.of(d.labels());
        Set<Double> classes = null;
        if (labels.classes() != null) {
            classes = new LinkedHashSet<>();
            for (LabelSummary.ClassCount c : labels.classes()) {
                classes.add(c.label());
            }
        }
        return new DatasetShape(d.rows(), d.columns(), classes);
    }
}
