package cascade.datasets;

import static cascade.engine.dataset.CraftedFiles.allocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.dataset.CraftedFiles.Allocation;
import cascade.engine.dataset.CraftedFiles;
import cascade.engine.dataset.DatasetFormat;
import cascade.engine.dataset.DatasetLayout;
import cascade.engine.dataset.InvalidDatasetException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits on both sides of storage against real PostgreSQL: an upload that inflates past
 * cascade.datasets.max-inflated-size stores nothing, and a worker checks what it loads (the
 * stored chunks, possibly damaged or tampered with) against the stored metadata and its heap
 * before it allocates, failing the load with a clear error instead of an OutOfMemoryError.
 */
class DatasetLimitsIntegrationTests {

    static final String SCHEMA = "it_dataset_limits";
    /** Bytes a refused load may allocate (JDBC rows, buffers, messages); the claims below are 100x more. */
    static final long SMALL = 16L << 20;
    @RegisterExtension
    static final DatasetTables tables = new DatasetTables(SCHEMA);

    /** Uploads up to 64 KiB inflating to at most 1 MiB, stored in one 64 KiB chunk per part. */
    static DatasetsProperties properties() {
        return new DatasetsProperties(DataSize.ofKilobytes(64), DataSize.ofMegabytes(1), DataSize.ofKilobytes(64),
                DataSize.ofMegabytes(1), 64, DataSize.ofKilobytes(64));
    }

    static DatasetStore store() {
        return new DatasetStore(tables.jdbc(), JsonMapper.builder().build(), properties());
    }

    static Datasets datasets(DatasetStore store) {
        return tables.datasets(properties(), store);
    }

    static String upload(DatasetStore store, DatasetFormat format, byte[]... files) {
        List<InputStream> parts = new ArrayList<>();
        for (byte[] f : files) {
            parts.add(new ByteArrayInputStream(f));
        }
        return datasets(store).create(new DatasetUpload("t", "local", format, DatasetLayout.DEFAULT, parts)).id()
                .toString();
    }

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = DatasetLimitsIntegrationTests.class.getResourceAsStream("/datasets/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Rewrites the features header of a stored 6 x 3 .npy in place (same length: the padding absorbs it). */
    static void claimShape(String id, String shape) {
        byte[] chunk = tables.jdbc().sql("SELECT data FROM dataset_chunk WHERE dataset_id = ?::uuid AND part = 0 AND seq = 0")
                .param(id).query(byte[].class).single();
        String s = new String(chunk, StandardCharsets.ISO_8859_1);
        String was = "(6, 3), }";
        int at = s.indexOf(was);
        String now = shape + ", }";
        String tampered = s.substring(0, at) + now + s.substring(at + was.length() + (now.length() - was.length()));
        assertThat(tampered).hasSameSizeAs(s);
        tables.jdbc().sql("UPDATE dataset_chunk SET data = ? WHERE dataset_id = ?::uuid AND part = 0 AND seq = 0")
                .params(tampered.getBytes(StandardCharsets.ISO_8859_1), id).update();
    }

    @Test
    void aZipBombIsRefusedAtUploadAndNothingIsStored() {
        long n = 16L << 20;     // 16 MiB of zeros per array, about 16 KiB deflated
        byte[] bomb = CraftedFiles.npz(
                new CraftedFiles.Entry("x.npy", CraftedFiles.npyHeader("|u1", "(" + n + ", 1)"), n),
                new CraftedFiles.Entry("y.npy", CraftedFiles.npyHeader("|u1", "(" + n + ",)"), n));
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThatThrownBy(() -> upload(store(), DatasetFormat.NPZ, bomb)).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("1048576");
        assertThat(tables.jdbc().sql("SELECT count(*) FROM dataset").query(Integer.class).single()).isZero();
        assertThat(tables.jdbc().sql("SELECT count(*) FROM dataset_chunk").query(Integer.class).single()).isZero();
    }

    @Test
    void aStoredHeaderClaimingMoreRowsFailsTheLoadWithoutAllocatingTheClaim() throws Exception {
        DatasetStore store = store();
        String id = upload(store, DatasetFormat.NPY, fixture("features.npy"), fixture("labels.npy"));
        claimShape(id, "(10000000, 3)");     // 240 MB as doubles
        Allocation a = allocation(() -> store.load(id));
        assertThat(a.thrown()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataset " + id + " cannot be loaded")
                .hasMessageContaining("features has shape (10000000, 3), but the dataset was stored as 6 x 3");
        assertThat(a.bytes()).isLessThan(SMALL);
    }

    @Test
    void storedMetadataBeyondTheWorkersHeapIsRefusedBeforeReading() throws Exception {
        DatasetStore store = store();
        String id = upload(store, DatasetFormat.NPY, fixture("features.npy"), fixture("labels.npy"));
        tables.jdbc().sql("UPDATE dataset SET rows = 1000000000 WHERE id = ?::uuid").param(id).update();
        Allocation a = allocation(() -> store.load(id));
        // 8 bytes x (1e9 x 3 + 1e9) = 32e9 bytes = 29.8 GiB, beyond any test heap.
        assertThat(a.thrown()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs 29.8 GiB of heap").hasMessageContaining("-Xmx");
        assertThat(a.bytes()).isLessThan(SMALL);
    }

    @Test
    void storedMetadataThatDisagreesWithTheFileIsRefused() throws Exception {
        DatasetStore store = store();
        String npy = upload(store, DatasetFormat.NPY, fixture("features.npy"), fixture("labels.npy"));
        tables.jdbc().sql("UPDATE dataset SET columns = 4 WHERE id = ?::uuid").param(npy).update();
        assertThatThrownBy(() -> store.load(npy)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("features has shape (6, 3), but the dataset was stored as 6 x 4");
        String csv = upload(store, DatasetFormat.CSV, fixture("data.csv"));
        tables.jdbc().sql("UPDATE dataset SET rows = 5 WHERE id = ?::uuid").param(csv).update();
        assertThatThrownBy(() -> store.load(csv)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than the 5 stored rows");
        assertThat(store.loads()).isZero();
    }

    @Test
    void chunksBeyondTheStoredSizeAreNotRead() throws Exception {
        DatasetStore store = store();
        String id = upload(store, DatasetFormat.CSV, fixture("data.csv"));
        tables.jdbc().sql("INSERT INTO dataset_chunk (dataset_id, part, seq, data) VALUES (?::uuid, 0, 1, ?)")
                .params(id, "1,2,3,0\n".repeat(1000).getBytes(StandardCharsets.US_ASCII)).update();
        assertThatThrownBy(() -> store.load(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than the 98 bytes stored");
        UUID other = UUID.fromString(upload(store, DatasetFormat.CSV, fixture("data.csv")));
        assertThat(store.load(other.toString()).rows()).isEqualTo(6);
    }
}
