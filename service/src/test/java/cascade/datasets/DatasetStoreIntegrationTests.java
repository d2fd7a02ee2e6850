package cascade.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.dataset.Dataset;
import cascade.engine.dataset.DatasetFormat;
import cascade.engine.dataset.DatasetLayout;
import cascade.engine.dataset.DatasetReader;
import cascade.engine.dataset.UnknownDatasetException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Storage and the workers' cache against real PostgreSQL, without a Spring context: what is
 * loaded back from the chunks equals what the reader reads from the original file; a dataset is
 * loaded from the database once per process however many runs ask at once; the cache is bounded;
 * damaged chunks are detected by the checksum.
 */
class DatasetStoreIntegrationTests {

    static final String SCHEMA = "it_dataset_store";
    @RegisterExtension
    static final DatasetTables tables = new DatasetTables(SCHEMA);

    /** Small chunks (100 bytes) so every fixture spans several. */
    static DatasetsProperties properties(DataSize cache) {
        return new DatasetsProperties(DataSize.ofKilobytes(64), cache, DataSize.ofBytes(100), null, null, null);
    }

    static Datasets datasets(DatasetStore store, DatasetsProperties properties) {
        return tables.datasets(properties, store);
    }

    static InputStream fixture(String name) {
        return DatasetStoreIntegrationTests.class.getResourceAsStream("/datasets/" + name);
    }

    static String upload(Datasets datasets, DatasetFormat format, String... files) {
        List<InputStream> parts = new ArrayList<>();
        for (String f : files) {
            parts.add(fixture(f));
        }
        return datasets.create(new DatasetUpload("t", "local", format, DatasetLayout.DEFAULT, parts)).id().toString();
    }

    @Test
    void chunksLoadBackToTheSameNumbersOncePerProcess() throws Exception {
        DatasetsProperties p = properties(DataSize.ofMegabytes(1));
        DatasetStore store = new DatasetStore(tables.jdbc(), JsonMapper.builder().build(), p);
        Datasets datasets = datasets(store, p);
        String npy = upload(datasets, DatasetFormat.NPY, "images-u8.npy", "labels-big-endian.npy");
        String npz = upload(datasets, DatasetFormat.NPZ, "data.npz");
        String csv = upload(datasets, DatasetFormat.CSV, "data.csv");
        assertThat(tables.jdbc().sql("SELECT count(*) FROM dataset_chunk WHERE dataset_id = ?::uuid").param(npz)
                .query(Integer.class).single()).isEqualTo(7);   // 682 bytes in 100-byte chunks
        Dataset expected = DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT,
                List.of(fixture("images-u8.npy"), fixture("labels-big-endian.npy")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Dataset>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> store.load(npy));
            }
            for (Future<Dataset> f : pool.invokeAll(calls)) {
                assertThat(f.get().x()).containsExactly(expected.x());
                assertThat(f.get().labels()).containsExactly(expected.labels());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.loads()).isEqualTo(1);
        assertThat(store.load(npz).x()).containsExactly(store.load(csv).x());
        assertThat(store.loads()).isEqualTo(3);
        assertThatThrownBy(() -> store.load("not-a-uuid")).isInstanceOf(UnknownDatasetException.class);
        assertThatThrownBy(() -> store.load(java.util.UUID.randomUUID().toString()))
                .isInstanceOf(UnknownDatasetException.class);
    }

    @Test
    void theCacheIsBoundedLeastRecentlyUsedFirst() {
        // Each 6 x 3 fixture holds 18 + 6 doubles = 192 bytes; a 400-byte cache keeps two.
        DatasetsProperties p = properties(DataSize.ofBytes(400));
        DatasetStore store = new DatasetStore(tables.jdbc(), JsonMapper.builder().build(), p);
        Datasets datasets = datasets(store, p);
        String a = upload(datasets, DatasetFormat.CSV, "data.csv");
        String b = upload(datasets, DatasetFormat.NPZ, "data.npz");
        String c = upload(datasets, DatasetFormat.NPY, "features.npy", "labels.npy");
        store.load(a);
        store.load(b);
        store.load(a);      // b is now the least recently used
        store.load(c);      // evicts b
        assertThat(store.loads()).isEqualTo(3);
        store.load(a);
        store.load(c);
        assertThat(store.loads()).isEqualTo(3);
        store.load(b);
        assertThat(store.loads()).isEqualTo(4);
    }

    @Test
    void damagedChunksAreDetectedByTheChecksum() {
        DatasetsProperties p = properties(DataSize.ofMegabytes(1));
        DatasetStore store = new DatasetStore(tables.jdbc(), JsonMapper.builder().build(), p);
        String id = upload(datasets(store, p), DatasetFormat.CSV, "data.csv");
        // Same length, one digit changed: still a valid CSV, so only the checksum can tell.
        tables.jdbc().sql("UPDATE dataset_chunk SET data = overlay(data placing '9'::bytea from 14 for 1) "
                + "WHERE dataset_id = ?::uuid AND seq = 0").param(id).update();
        assertThatThrownBy(() -> store.load(id)).hasMessageContaining("is damaged");
    }

    @Test
    void uploadsOverTheBudgetStopWhileStreaming() throws IOException {
        DatasetsProperties p = new DatasetsProperties(DataSize.ofBytes(50), DataSize.ofMegabytes(1), DataSize.ofBytes(100),
                null, null, null);
        DatasetStore store = new DatasetStore(tables.jdbc(), JsonMapper.builder().build(), p);
        byte[] csv = fixture("data.csv").readAllBytes();   // 98 bytes
        assertThatThrownBy(() -> datasets(store, p).create(new DatasetUpload("t", "local", DatasetFormat.CSV,
                DatasetLayout.DEFAULT, List.of(new ByteArrayInputStream(csv)))))
                .isInstanceOf(DatasetTooLargeException.class);
        assertThat(tables.jdbc().sql("SELECT count(*) FROM dataset").query(Integer.class).single()).isZero();
    }
}
