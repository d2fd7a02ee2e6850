package cascade.datasets;

import cascade.engine.dataset.DatasetFormat;
import cascade.engine.dataset.DatasetLayout;
import cascade.engine.dataset.DatasetReader;
import cascade.engine.dataset.LabelSummary;
import cascade.engine.spec.DatasetShape;
import cascade.engine.spec.FieldError;
import cascade.engine.spec.InvalidSpecException;
import cascade.experiments.ExperimentSubmitted;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front door of the datasets module: upload (streamed through validation to a temporary file,
 * then stored in bytea chunks in one short transaction), list, get, delete (refused while a
 * queued or running experiment uses the dataset), and the catalog submission-time spec checks
 * read. Workers load datasets through {@link DatasetStore}.
 */
@Service
public class Datasets {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final InstantSource clock;
    private final DatasetsProperties properties;
    private final DatasetStore store;
    private final Experiments experiments;

    Datasets(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json, InstantSource clock,
            DatasetsProperties properties, DatasetStore store, Experiments experiments) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.store = store;
        this.experiments = experiments;
    }

    /** Largest upload accepted, in bytes. */
    public long maxBytes() {
        return properties.maxSize().toBytes();
    }

    /**
     * Validates and stores an upload. The parts are read once, through a size budget, into
     * temporary files while {@link DatasetReader#scan} validates them within the configured
     * limits (inflated size, archive entries, line length); only a valid upload is written to the
     * database. The checksum is SHA-256 over the uploaded bytes, parts in order.
     */
    public DatasetView create(DatasetUpload upload) {
        String name = DatasetNames.check(upload.name());
        if (upload.parts().size() != upload.format().parts()) {
            throw new InvalidDatasetRequestException("format", upload.format().json() + " takes "
                    + upload.format().parts() + " file(s), got " + upload.parts().size());
        }
        List<Path> files = new ArrayList<>();
        try {
            Spool.Budget budget = new Spool.Budget(maxBytes());
            List<Spool> spools = new ArrayList<>();
            List<OutputStream> outs = new ArrayList<>();
            try {
                for (InputStream part : upload.parts()) {
                    Path file = Files.createTempFile("cascade-dataset-", ".part");
                    files.add(file);
                    OutputStream out = Files.newOutputStream(file);
                    outs.add(out);
                    spools.add(new Spool(part, new java.io.BufferedOutputStream(out, 1 << 16), budget));
                }
                DatasetReader.Scan scan = DatasetReader.scan(upload.format(), upload.layout(),
                        List.copyOf(spools), properties.limits());
                for (Spool s : spools) {
                    s.drain();
                }
                for (OutputStream out : outs) {
                    out.close();
                }
                return store(name, upload, scan, files);
            } finally {
                for (OutputStream out : outs) {
                    out.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans up
                }
            }
        }
    }

    private DatasetView store(String name, DatasetUpload upload, DatasetReader.Scan scan, List<Path> files)
            throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    size += n;
                }
            }
        }
        if (size == 0) {
            throw new InvalidDatasetRequestException("body", "the upload is empty");
        }
        UUID id = UUID.randomUUID();
        String checksum = HexFormat.of().formatHex(sha.digest());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long total = size;
        int chunk = (int) properties.chunkSize().toBytes();
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO dataset (id, name, owner, format, layout, rows, columns, labels, sha256, size_bytes,
                                         created_at)
                    VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?)""")
                    .params(id, name, upload.owner(), upload.format().json(), json.writeValueAsString(upload.layout()),
                            scan.rows(), scan.columns(), json.writeValueAsString(scan.labels()), checksum, total,
                            Timestamp.from(now))
                    .update();
            for (int part = 0; part < files.size(); part++) {
                try (InputStream in = Files.newInputStream(files.get(part))) {
                    for (int seq = 0; ; seq++) {
                        byte[] data = in.readNBytes(chunk);
                        if (data.length == 0) {
                            break;
                        }
                        jdbc.sql("INSERT INTO dataset_chunk (dataset_id, part, seq, data) VALUES (?, ?, ?, ?)")
                                .params(id, part, seq, data).update();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        return get(id, upload.owner());
    }

    /** The owner's datasets, newest first. */
    public List<DatasetView> list(String owner) {
        return jdbc.sql(SELECT + " WHERE owner = ? ORDER BY created_at DESC, id DESC").param(owner)
                .query(this::view).list();
    }

    /** The dataset if it belongs to {@code owner}, else {@link DatasetNotFoundException}. */
    public DatasetView get(UUID id, String owner) {
        return jdbc.sql(SELECT + " WHERE id = ? AND owner = ?").params(id, owner).query(this::view).optional()
                .orElseThrow(() -> new DatasetNotFoundException(id));
    }

    /**
     * Deletes the dataset with its chunks, unless a queued or running experiment names it. The
     * dataset row is locked first; a concurrent submission locks it too (see
     * {@link #onSubmitted}), so a submission and a delete never both succeed.
     */
    @Transactional
    public void delete(UUID id, String owner) {
        jdbc.sql("SELECT id FROM dataset WHERE id = ? AND owner = ? FOR UPDATE").params(id, owner)
                .query(UUID.class).optional().orElseThrow(() -> new DatasetNotFoundException(id));
        List<UUID> users = experiments.activeOnDataset(id.toString());
        if (!users.isEmpty()) {
            throw new DatasetInUseException(id, users);
        }
        jdbc.sql("DELETE FROM dataset WHERE id = ?").param(id).update();
        store.evict(id.toString());
    }

    /** Shapes of the owner's datasets, for {@code SpecParser.parse(tree, catalog)} at submission. */
    public DatasetShape.Catalog catalogFor(String owner) {
        return id -> uuid(id).flatMap(u -> jdbc.sql("SELECT rows, columns, labels::text FROM dataset WHERE id = ? AND owner = ?")
                .params(u, owner).query((rs, i) -> shape(rs)).optional()).orElse(null);
    }

    /**
     * Runs inside the submitting (or retrying) transaction: an experiment on a dataset takes a
     * share lock on the dataset row, so a concurrent delete waits and then sees the experiment.
     * A dataset deleted in between fails the submission with the field error of an unknown id.
     */
    @EventListener
    void onSubmitted(ExperimentSubmitted event) {
        ExperimentView experiment = experiments.get(event.experimentId());
        if (!(experiment.spec().get("teacher") instanceof Map<?, ?> teacher) || !"dataset".equals(teacher.get("kind"))) {
            return;
        }
        String datasetId = teacher.get("id") instanceof String s ? s : null;
        boolean present = uuid(datasetId).flatMap(u -> jdbc.sql("SELECT id FROM dataset WHERE id = ? AND owner = ? FOR SHARE")
                .params(u, experiment.owner()).query(UUID.class).optional()).isPresent();
        if (!present) {
            throw new InvalidSpecException(List.of(new FieldError("teacher.id", "no dataset with id '" + datasetId + "'")));
        }
    }

    private static final String SELECT = """
            SELECT id, name, owner, format, rows, columns, labels::text AS labels, sha256, size_bytes, created_at
            FROM dataset""";

    private DatasetView view(ResultSet rs, int i) throws SQLException {
        return new DatasetView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"),
                rs.getString("format"), rs.getInt("rows"), rs.getInt("columns"),
                json.readValue(rs.getString("labels"), LabelSummary.class), rs.getString("sha256"),
                rs.getLong("size_bytes"), rs.getTimestamp("created_at").toInstant());
    }

    private DatasetShape shape(ResultSet rs) throws SQLException {
        LabelSummary labels = json.readValue(rs.getString(3), LabelSummary.class);
        Set<Double> classes = null;
        if (labels.classes() != null) {
            classes = new LinkedHashSet<>();
            for (LabelSummary.ClassCount c : labels.classes()) {
                classes.add(c.label());
            }
        }
        return new DatasetShape(rs.getInt(1), rs.getInt(2), classes);
    }

    static Optional<UUID> uuid(@Nullable String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Format, layout, checksum, shape and size as stored: what a worker checks a load against. */
    record Stored(DatasetFormat format, DatasetLayout layout, String sha256, int rows, int columns, long sizeBytes) {
    }
}
