package cascade.datasets;

import cascade.engine.MemoryEstimate;
import cascade.engine.dataset.Dataset;
import cascade.engine.dataset.DatasetFormat;
import cascade.engine.dataset.DatasetLayout;
import cascade.engine.dataset.DatasetReader;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.dataset.InvalidDatasetException;
import cascade.engine.dataset.UnknownDatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workers' {@link DatasetSource}: loads a dataset from its chunks once per process (the
 * stored bytes are re-read through the same reader that validated the upload, checked against
 * the stored shape and size before anything is allocated, and their SHA-256 is checked against
 * the stored checksum), then serves it from a cache bounded by
 * cascade.datasets.cache-size, least recently used first out. Concurrent runs asking for the same
 * dataset wait for one load.
 */
@Component
class DatasetStore implements DatasetSource {

    private static final Logger log = LoggerFactory.getLogger(DatasetStore.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final long capacity;
    private final DatasetReader.Limits limits;
    private final LinkedHashMap<String, Dataset> cache = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<Dataset>> loading = new HashMap<>();
    private long cachedBytes;
    private int loads;

    DatasetStore(JdbcClient jdbc, JsonMapper json, DatasetsProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.capacity = properties.cacheSize().toBytes();
        this.limits = properties.limits();
    }

    @Override
    public Dataset load(String id) {
        CompletableFuture<Dataset> pending;
        boolean mine = false;
        synchronized (this) {
            Dataset cached = cache.get(id);
            if (cached != null) {
                return cached;
            }
            pending = loading.get(id);
            if (pending == null) {
                pending = new CompletableFuture<>();
                loading.put(id, pending);
                mine = true;
            }
        }
        if (!mine) {
            try {
                return pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        try {
            Dataset d = read(id);
            synchronized (this) {
                loads++;
                put(id, d);
                loading.remove(id);
            }
            pending.complete(d);
            return d;
        } catch (RuntimeException e) {
            synchronized (this) {
                loading.remove(id);
            }
            pending.completeExceptionally(e);
            throw e;
        }
    }

    /** Loads from the database so far (a test hook for "once per process"). */
    synchronized int loads() {
        return loads;
    }

    synchronized void evict(String id) {
        Dataset d = cache.remove(id);
        if (d != null) {
            cachedBytes -= d.bytes();
        }
    }

    private void put(String id, Dataset d) {
        if (d.bytes() > capacity) {
            log.warn("dataset {} needs {} bytes, more than cascade.datasets.cache-size {}: not cached", id, d.bytes(),
                    capacity);
            return;
        }
        cache.put(id, d);
        cachedBytes += d.bytes();
        Iterator<Map.Entry<String, Dataset>> eldest = cache.entrySet().iterator();
        while (cachedBytes > capacity && eldest.hasNext()) {
            Map.Entry<String, Dataset> e = eldest.next();
            if (!e.getKey().equals(id)) {
                cachedBytes -= e.getValue().bytes();
                eldest.remove();
            }
        }
    }

    /**
     * Loads from the chunks, trusting none of their claims with memory: the stored shape is checked
     * against this worker's heap before anything is read, every header must state that shape
     * before its data is read (the arrays are then allocated once, at that size), and the chunks
     * may not hold more bytes than were stored. A dataset that fails any check fails the run with
     * an IllegalStateException saying why, never an OutOfMemoryError.
     */
    private Dataset read(String id) {
        UUID uuid = Datasets.uuid(id).orElseThrow(() -> new UnknownDatasetException(id));
        Datasets.Stored stored = jdbc.sql("""
                SELECT format, layout::text, sha256, rows, columns, size_bytes FROM dataset WHERE id = ?""")
                .param(uuid)
                .query((rs, i) -> new Datasets.Stored(DatasetFormat.parse(rs.getString(1)),
                        json.readValue(rs.getString(2), DatasetLayout.class), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getLong(6)))
                .optional().orElseThrow(() -> new UnknownDatasetException(id));
        DatasetReader.Shape shape = shape(id, stored);
        MessageDigest sha = Datasets.sha256();
        ChunkInputStream.Budget stillStored = new ChunkInputStream.Budget(id, stored.sizeBytes());
        List<InputStream> parts = new ArrayList<>();
        for (int p = 0; p < stored.format().parts(); p++) {
            parts.add(new DigestInputStream(new ChunkInputStream(jdbc, uuid, p, stillStored), sha));
        }
        long start = System.nanoTime();
        Dataset d;
        try {
            d = DatasetReader.load(stored.format(), stored.layout(), parts, limits, shape);
        } catch (InvalidDatasetException e) {
            throw new IllegalStateException("dataset " + id + " cannot be loaded: " + e.getMessage()
                    + " (its stored bytes are damaged or disagree with its stored metadata)", e);
        }
        try {
            for (InputStream part : parts) {
                part.transferTo(java.io.OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(stored.sha256())) {
            throw new IllegalStateException("dataset " + id + " is damaged: stored bytes hash to " + actual
                    + ", expected " + stored.sha256());
        }
        log.info("loaded dataset {} ({} x {}) in {} ms", id, d.rows(), d.columns(), (System.nanoTime() - start) / 1_000_000);
        return d;
    }

    /** The stored shape, if this worker's heap can hold it loaded ({@link MemoryEstimate#defaultBudget()}). */
    private static DatasetReader.Shape shape(String id, Datasets.Stored stored) {
        long needed = Dataset.bytes(stored.rows(), stored.columns());
        long budget = MemoryEstimate.defaultBudget();
        if (needed > budget) {
            throw new IllegalStateException("dataset " + id + " needs " + MemoryEstimate.format(needed)
                    + " of heap once loaded (" + stored.rows() + " x " + stored.columns() + " values and "
                    + stored.rows() + " labels, 8 bytes each), more than this worker's budget of "
                    + MemoryEstimate.format(budget) + " (three quarters of its maximum heap); give the workers a "
                    + "larger -Xmx");
        }
        try {
            return new DatasetReader.Shape(stored.rows(), stored.columns());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("dataset " + id + " cannot be loaded: its stored metadata is damaged ("
                    + e.getMessage() + ")");
        }
    }
}
