package cascade.engine.dataset;

import static cascade.engine.dataset.CraftedFiles.allocation;
import static cascade.engine.dataset.CraftedFiles.npy;
import static cascade.engine.dataset.CraftedFiles.npyHeader;
import static cascade.engine.dataset.CraftedFiles.npz;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.dataset.CraftedFiles.Allocation;
import cascade.engine.dataset.CraftedFiles.Entry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader against hostile files that claim far more than they hold: archives that inflate
 * past the limit, headers whose shape exceeds the bytes present or overflows, labels by the
 * million, CSV lines of megabytes. Each file is a few kilobytes; what the reader allocates is
 * measured on its thread, so a test fails when memory follows a claimed size instead of the data.
 */
class DatasetReaderLimitsTests {

    /** Bytes of working memory a refused or streamed read may allocate (buffers, messages). */
    static final long SMALL = 4L << 20;

    static List<InputStream> streams(byte[]... parts) {
        List<InputStream> in = new ArrayList<>();
        for (byte[] p : parts) {
            in.add(new ByteArrayInputStream(p));
        }
        return in;
    }

    static byte[] u8(int n) {
        return new byte[n];
    }

    // --- .npz: inflated size and entry count -------------------------------------------------

    @Test
    void anArchiveInflatingPastTheLimitIsRefusedAfterInflatingOnlyTheLimit() {
        // 64 MiB of zero features deflate to about 64 KiB: a zip bomb of ratio ~1000.
        long n = 64L << 20;
        byte[] bomb = npz(new Entry("x.npy", npyHeader("|u1", "(" + n + ", 1)"), n),
                new Entry("y.npy", npyHeader("|u1", "(" + n + ",)"), n));
        assertThat(bomb.length).isLessThan(256 * 1024);
        DatasetReader.Limits limits = new DatasetReader.Limits(1 << 20, 64, 1 << 20);
        Allocation a = allocation(() -> DatasetReader.scan(DatasetFormat.NPZ, DatasetLayout.DEFAULT, streams(bomb),
                limits));
        assertThat(a.thrown()).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("array 'x' claims").hasMessageContaining("1048576");
        assertThat(((InvalidDatasetException) a.thrown()).part()).isEqualTo("body");
        assertThat(a.bytes()).isLessThan(SMALL);
    }

    @Test
    void entriesTheReaderSkipsCountTowardsTheInflatedLimit() {
        // The arrays are fine; an unrelated entry inflates to 8 MiB, the limit is 1 MiB. Counted
        // while inflating: its header declares nothing the reader could trust.
        byte[] bomb = npz(new Entry("x.npy", npy("|u1", "(2, 1)", u8(2)), 0),
                new Entry("y.npy", npy("|u1", "(2,)", u8(2)), 0),
                new Entry("padding.bin", new byte[0], 8L << 20));
        DatasetReader.Limits limits = new DatasetReader.Limits(1 << 20, 64, 1 << 20);
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.NPZ, DatasetLayout.DEFAULT, streams(bomb), limits))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("inflates to more than 1048576 bytes").hasMessageContaining("'padding.bin'");
        // Within the limit the same kind of archive is read.
        byte[] fine = npz(new Entry("x.npy", npy("|u1", "(2, 1)", u8(2)), 0),
                new Entry("y.npy", npy("|u1", "(2,)", u8(2)), 0), new Entry("padding.bin", new byte[0], 1000));
        assertThat(DatasetReader.scan(DatasetFormat.NPZ, DatasetLayout.DEFAULT, streams(fine), limits).rows())
                .isEqualTo(2);
    }

    @Test
    void anArchiveWithMoreEntriesThanTheLimitIsRefused() {
        Entry[] entries = new Entry[DatasetReader.Limits.DEFAULT.maxArchiveEntries() + 1];
        entries[0] = new Entry("x.npy", npy("|u1", "(2, 1)", u8(2)), 0);
        entries[1] = new Entry("y.npy", npy("|u1", "(2,)", u8(2)), 0);
        for (int i = 2; i < entries.length; i++) {
            entries[i] = new Entry("extra" + i + ".npy", new byte[0], 0);
        }
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.NPZ, DatasetLayout.DEFAULT, streams(npz(entries))))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("more than " + DatasetReader.Limits.DEFAULT.maxArchiveEntries() + " entries");
    }

    // --- shapes against the bytes present --------------------------------------------------

    @Test
    void aHeaderClaimingMoreRowsThanItHoldsAllocatesOnlyWhatArrived() {
        // Claims 10 million x 4 (320 MB as doubles), holds 12 bytes.
        byte[] x = npy("|u1", "(10000000, 4)", u8(12));
        byte[] y = npy("|u1", "(10000000,)", u8(3));
        Allocation a = allocation(() -> DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT, streams(x, y)));
        assertThat(a.thrown()).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("features is truncated: shape (10000000, 4) needs 40000000 data bytes, found 12");
        assertThat(a.bytes()).isLessThan(SMALL);
        byte[] archive = npz(new Entry("x.npy", x, 0), new Entry("y.npy", y, 0));
        a = allocation(() -> DatasetReader.load(DatasetFormat.NPZ, DatasetLayout.DEFAULT, streams(archive)));
        assertThat(a.thrown()).isInstanceOf(InvalidDatasetException.class).hasMessageContaining("is truncated");
        assertThat(a.bytes()).isLessThan(SMALL);
    }

    @Test
    void aClaimBeyondTheHeapIsATruncatedFileNotAnOutOfMemoryError() {
        // 2 billion values: 16 GB as doubles, more than the test JVM's heap.
        byte[] x = npy("|u1", "(1000000000, 2)", u8(12));
        byte[] y = npy("|u1", "(1000000000,)", u8(3));
        assertThatThrownBy(() -> DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT, streams(x, y)))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("features is truncated");
    }

    @Test
    void aWorkerChecksTheHeaderAgainstTheStoredShapeBeforeReadingData() {
        byte[] x = npy("|u1", "(10000000, 3)", u8(12));
        byte[] y = npy("|u1", "(6,)", u8(6));
        DatasetReader.Shape stored = new DatasetReader.Shape(6, 3);
        Allocation a = allocation(() -> DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT, streams(x, y),
                DatasetReader.Limits.DEFAULT, stored));
        assertThat(a.thrown()).isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("features has shape (10000000, 3), but the dataset was stored as 6 x 3");
        assertThat(a.bytes()).isLessThan(SMALL);
        byte[] six = npy("|u1", "(6, 4)", u8(24));
        assertThatThrownBy(() -> DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT, streams(six, y),
                DatasetReader.Limits.DEFAULT, stored)).hasMessageContaining("stored as 6 x 3");
        byte[] csv = "a,b,c,label\n1,2,3,0\n1,2,3,0\n".repeat(1).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DatasetReader.load(DatasetFormat.CSV, DatasetLayout.DEFAULT, streams(csv),
                DatasetReader.Limits.DEFAULT, new DatasetReader.Shape(1, 3)))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("more than the 1 stored rows");
        // The stored shape itself is allocated once, exactly: 6 x 3 + 6 doubles and nothing from the claim.
        Dataset d = DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT,
                streams(npy("|u1", "(6, 3)", u8(18)), y), DatasetReader.Limits.DEFAULT, stored);
        assertThat(d.x()).hasSize(18);
        assertThat(d.labels()).hasSize(6);
    }

    // --- labels: summaries, not arrays --------------------------------------------------------

    @Test
    void validationHoldsNoMemoryPerRow() {
        // 4 million rows of one feature and a zero label: 4 MB each inflated, a few KB deflated.
        int n = 4_000_000;
        byte[] archive = npz(new Entry("x.npy", npyHeader("|u1", "(" + n + ", 1)"), n),
                new Entry("y.npy", npyHeader("|u1", "(" + n + ",)"), n));
        DatasetReader.Scan[] scan = new DatasetReader.Scan[1];
        Allocation a = allocation(() -> scan[0] = DatasetReader.scan(DatasetFormat.NPZ, DatasetLayout.DEFAULT,
                streams(archive)));
        assertThat(a.thrown()).isNull();
        assertThat(scan[0].rows()).isEqualTo(n);
        assertThat(scan[0].labels().count()).isEqualTo(n);
        assertThat(scan[0].labels().classes()).containsExactly(new LabelSummary.ClassCount(0, n));
        // Before the fix the labels alone took 32 MB (a growing double array) plus a boxed count per row.
        assertThat(a.bytes()).isLessThan(SMALL);
    }

    @Test
    void theStreamingSummaryAgreesWithCountingByHand() {
        // Expected values counted independently: labels 0..149 cycling over 3000 rows.
        double[] labels = new double[3000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 150;
        }
        LabelSummary many = LabelSummary.of(labels);
        assertThat(many.count()).isEqualTo(3000);
        assertThat(many.min()).isZero();
        assertThat(many.max()).isEqualTo(149);
        assertThat(many.mean()).isEqualTo(74.5);        // (0 + 149) / 2, each label 20 times
        assertThat(many.classes()).isNull();           // 150 distinct > 100: a regression target
        LabelSummary few = LabelSummary.of(new double[] {2, -0.5, 2, 7, -0.5, 2});
        assertThat(few.classes()).containsExactly(new LabelSummary.ClassCount(-0.5, 2),
                new LabelSummary.ClassCount(2, 3), new LabelSummary.ClassCount(7, 1));
        assertThat(few.mean()).isEqualTo(2.0);
        double[] hundred = new double[200];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = 99 - i % 100;
        }
        assertThat(LabelSummary.of(hundred).classes()).hasSize(100).first()
                .isEqualTo(new LabelSummary.ClassCount(0, 2));
    }

    // --- CSV lines ---------------------------------------------------------------------------

    @Test
    void aCsvLineLongerThanTheLimitIsRefusedNamingTheLine() {
        int limit = DatasetReader.Limits.DEFAULT.maxLineLength();
        // "0,000...0" is a valid row (label 0, feature 0) of any length.
        String atLimit = "0," + "0".repeat(limit - 2);
        String over = "0," + "0".repeat(limit - 1);
        byte[] fine = ("label,x\n" + atLimit + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(DatasetReader.scan(DatasetFormat.CSV, DatasetLayout.DEFAULT, streams(fine)).rows()).isEqualTo(1);
        byte[] tooLong = ("label,x\n1,2\n\n" + over + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.CSV, DatasetLayout.DEFAULT, streams(tooLong)))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessage("line 4 is longer than the limit of " + limit + " bytes");
        byte[] header = ("label," + "x".repeat(limit) + "\n0,1\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.CSV, DatasetLayout.DEFAULT, streams(header)))
                .hasMessage("line 1 is longer than the limit of " + limit + " bytes");
        // Without a newline at all (one endless line) the reader stops at the limit too.
        byte[] endless = ("label,x\n0," + "0".repeat(limit)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.CSV, DatasetLayout.DEFAULT, streams(endless)))
                .hasMessageContaining("line 2 is longer than the limit");
    }

    @Test
    void csvLineEndingsAreThoseOfBufferedReader() {
        // \n, \r\n and a lone \r all end a line; a BOM before the header is skipped.
        byte[] csv = "\uFEFFlabel,x\r\n0,1\r1,2\n\r\n2,3".getBytes(StandardCharsets.UTF_8);
        Dataset d = DatasetReader.load(DatasetFormat.CSV, DatasetLayout.DEFAULT, streams(csv));
        assertThat(d.x()).containsExactly(1, 2, 3);
        assertThat(d.labels()).containsExactly(0, 1, 2);
        byte[] bad = "label,x\n0,1\r\n1,zz\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.CSV, DatasetLayout.DEFAULT, streams(bad)))
                .hasMessageContaining("row 2 (line 3)");
    }

    // --- shapes that overflow -----------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "features; <f8; (9223372036854775807, 2)",
            "features; <f8; (2, 9223372036854775807, 2)",
            "features; |u1; (4611686018427387904, 4)",
            "features; <f8; (3, 3074457345618258603)",
            "features; <f8; (-1, 3)",
            "labels; <f8; (9223372036854775807,)",
            "labels; <f8; (9223372036854775807, 1)",
            "labels; <f8; (-5,)"})
    void anOverflowingOrNegativeShapeIsAnInvalidDatasetNamingPartAndShape(String part, String descr, String shape) {
        byte[] x = part.equals("features") ? npy(descr, shape, u8(16)) : npy("|u1", "(2, 1)", u8(2));
        byte[] y = part.equals("labels") ? npy(descr, shape, u8(16)) : npy("|u1", "(2,)", u8(2));
        for (boolean keep : new boolean[] {false, true}) {
            Allocation a = allocation(() -> {
                if (keep) {
                    DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT, streams(x, y));
                } else {
                    DatasetReader.scan(DatasetFormat.NPY, DatasetLayout.DEFAULT, streams(x, y));
                }
            });
            assertThat(a.thrown()).isInstanceOf(InvalidDatasetException.class).hasMessageContaining(shape);
            assertThat(((InvalidDatasetException) a.thrown()).part()).isEqualTo(part);
            assertThat(a.bytes()).isLessThan(SMALL);
        }
    }

    @Test
    void headerFieldsAreBoundedBeforeTheyReachAMessage() {
        byte[] y = npy("|u1", "(2,)", u8(2));
        // A dtype width beyond int (a NumberFormatException, so a 500, before).
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.NPY, DatasetLayout.DEFAULT,
                streams(npy("<f99999999999", "(2, 1)", u8(16)), y)))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("unsupported dtype '<f99999999999'");
        // A 60 KB dtype is quoted shortened, so a small upload cannot make a large response.
        String longDescr = "<" + "z".repeat(60_000);
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.NPY, DatasetLayout.DEFAULT,
                streams(npy(longDescr, "(2, 1)", u8(16)), y)))
                .isInstanceOf(InvalidDatasetException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        // NumPy arrays have at most 64 dimensions (NPY_MAXDIMS); 65 ones is refused, not quoted.
        String dims65 = "(2, " + "1, ".repeat(63) + "1)";
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.NPY, DatasetLayout.DEFAULT,
                streams(npy("|u1", dims65, u8(2)), y)))
                .isInstanceOf(InvalidDatasetException.class).hasMessage("features has 65 dimensions; NumPy arrays "
                        + "have at most 64");
    }

    @Test
    void anOverflowingShapeInsideAnArchiveNamesTheArray() {
        byte[] archive = npz(new Entry("x.npy", npy("<f8", "(9223372036854775807, 2)", u8(16)), 0),
                new Entry("y.npy", npy("|u1", "(2,)", u8(2)), 0));
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.NPZ, DatasetLayout.DEFAULT, streams(archive)))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("array 'x'").hasMessageContaining("(9223372036854775807, 2)");
    }
}
