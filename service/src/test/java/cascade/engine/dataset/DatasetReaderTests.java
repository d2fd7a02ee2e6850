package cascade.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readers against files written by NumPy itself (src/test/resources/datasets/make_fixtures.py,
 * numpy 2.4.6), so the expected values come from an independent writer of the format: features
 * x[i] = [1.5i - 1, 1.5i - 0.5, 1.5i], labels [0, 1, 2, 0, 1, 2]. All values are exact in
 * binary floating point, so comparisons are exact (tolerance 0).
 */
class DatasetReaderTests {

    static final double[] X = {-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5};
    static final double[] Y = {0, 1, 2, 0, 1, 2};

    static InputStream fixture(String name) {
        InputStream in = DatasetReaderTests.class.getResourceAsStream("/datasets/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("no fixture " + name));
        }
        return in;
    }

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static Dataset load(DatasetFormat format, String... files) {
        return load(format, DatasetLayout.DEFAULT, files);
    }

    static Dataset load(DatasetFormat format, DatasetLayout layout, String... files) {
        return DatasetReader.load(format, layout, Arrays.stream(files).map(DatasetReaderTests::fixture).toList());
    }

    @Test
    void csvWithTheLabelColumnAnywhere() {
        Dataset d = load(DatasetFormat.CSV, "data.csv");
        assertThat(d.rows()).isEqualTo(6);
        assertThat(d.columns()).isEqualTo(3);
        assertThat(d.x()).containsExactly(X);
        assertThat(d.labels()).containsExactly(Y);
    }

    @Test
    void npyPairNpzAndCompressedNpzReadTheSameNumbers() {
        for (Dataset d : List.of(load(DatasetFormat.NPY, "features.npy", "labels.npy"),
                load(DatasetFormat.NPZ, "data.npz"),
                load(DatasetFormat.NPZ, new DatasetLayout("label", "features", "labels"), "data-compressed.npz"))) {
            assertThat(d.rows()).isEqualTo(6);
            assertThat(d.columns()).isEqualTo(3);
            assertThat(d.x()).containsExactly(X);
            assertThat(d.labels()).containsExactly(Y);
        }
    }

    @Test
    void imageArraysAreFlattenedInCOrderAndBigEndianIsRead() {
        // np.arange(48, dtype=uint8).reshape(4, 2, 2, 3): row r, flat column c holds 12 r + c.
        Dataset d = load(DatasetFormat.NPY, "images-u8.npy", "labels-big-endian.npy");
        assertThat(d.rows()).isEqualTo(4);
        assertThat(d.columns()).isEqualTo(12);
        for (int i = 0; i < 48; i++) {
            assertThat(d.x()[i]).isEqualTo(i);
        }
        assertThat(d.labels()).containsExactly(1.5, -2.0, 3.25, 0.0);
    }

    /** A .npy written byte by byte per numpy.lib.format: magic, version, header length, dict, data. */
    static byte[] npy(int major, String descr, String shape, java.nio.ByteBuffer data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int prefix = 6 + 2 + (major == 1 ? 2 : 4);
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(prefix + header.length() + data.capacity())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.toString().getBytes(StandardCharsets.US_ASCII)).put(data.array());
        return b.array();
    }

    @Test
    void handWrittenVersion2HeaderFloat32AndBigEndianInt32() {
        java.nio.ByteBuffer x = java.nio.ByteBuffer.allocate(6 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {0.25f, -1f, 3f, 4.5f, 1e-3f, 7f}) {
            x.putFloat(v);
        }
        java.nio.ByteBuffer y = java.nio.ByteBuffer.allocate(3 * 4).order(java.nio.ByteOrder.BIG_ENDIAN);
        for (int v : new int[] {7, -1, 300}) {
            y.putInt(v);
        }
        Dataset d = DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT, List.of(
                new ByteArrayInputStream(npy(2, "<f4", "(3, 2)", x)),
                new ByteArrayInputStream(npy(1, ">i4", "(3,)", y))));
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.columns()).isEqualTo(2);
        assertThat(d.x()).containsExactly(0.25, -1, 3, 4.5, (double) 1e-3f, 7);
        assertThat(d.labels()).containsExactly(7, -1, 300);
        assertThatThrownBy(() -> DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT, List.of(
                new ByteArrayInputStream(npy(1, "<f2", "(3, 2)", java.nio.ByteBuffer.allocate(12))),
                new ByteArrayInputStream(npy(1, ">i4", "(3,)", y)))))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("unsupported dtype '<f2'");
    }

    @Test
    void scanKeepsOnlyShapeAndLabelSummary() {
        DatasetReader.Scan s = DatasetReader.scan(DatasetFormat.NPZ, DatasetLayout.DEFAULT, List.of(fixture("data.npz")));
        assertThat(s.rows()).isEqualTo(6);
        assertThat(s.columns()).isEqualTo(3);
        assertThat(s.labels().count()).isEqualTo(6);
        assertThat(s.labels().mean()).isEqualTo(1.0);
        assertThat(s.labels().classes()).containsExactly(new LabelSummary.ClassCount(0, 2),
                new LabelSummary.ClassCount(1, 2), new LabelSummary.ClassCount(2, 2));
    }

    static Stream<Arguments> invalidNumpy() {
        return Stream.of(
                Arguments.of(List.of("complex.npy", "labels.npy"), "features has unsupported dtype '<c16'"),
                Arguments.of(List.of("strings.npy", "labels.npy"), "features has unsupported dtype '<U1'"),
                Arguments.of(List.of("features-nan.npy", "labels.npy"), "features row 5, column 3: NaN values are not allowed"),
                Arguments.of(List.of("features-inf.npy", "labels.npy"), "features row 2, column 1: infinite values are not allowed"),
                Arguments.of(List.of("features-1d.npy", "labels.npy"), "features must be a 2-D array (rows, columns); got shape (6,)"),
                Arguments.of(List.of("features.npy", "labels-2col.npy"), "labels must be 1-D (rows,) or (rows, 1); got shape (6, 2)"),
                Arguments.of(List.of("features.npy", "labels-short.npy"), "label count mismatch: 5 labels for 6 feature rows"),
                Arguments.of(List.of("features-fortran.npy", "labels.npy"), "Fortran order"),
                Arguments.of(List.of("data.csv", "labels.npy"), "features is not a NumPy .npy file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNumpy")
    void invalidNumpyFilesAreNamed(List<String> files, String message) {
        assertThatThrownBy(() -> load(DatasetFormat.NPY, files.toArray(String[]::new)))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining(message);
    }

    @Test
    void npzWithOtherArrayNamesSaysWhichItHas() {
        assertThatThrownBy(() -> load(DatasetFormat.NPZ, "wrong-names.npz"))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageContaining("the .npz has no array 'x' (arrays: a, b)");
        assertThat(load(DatasetFormat.NPZ, new DatasetLayout("label", "a", "b"), "wrong-names.npz").rows()).isEqualTo(6);
        assertThatThrownBy(() -> load(DatasetFormat.NPZ, "data.csv"))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("not a NumPy .npz archive");
    }

    @Test
    void truncatedNpyIsRefused() throws IOException {
        byte[] full = fixture("features.npy").readAllBytes();
        InputStream cut = new ByteArrayInputStream(Arrays.copyOf(full, full.length - 9));
        assertThatThrownBy(() -> DatasetReader.load(DatasetFormat.NPY, DatasetLayout.DEFAULT,
                List.of(cut, fixture("labels.npy"))))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining("features is truncated");
    }

    static Stream<Arguments> invalidCsv() {
        return Stream.of(
                Arguments.of("a,b,label\n1,2,0\n3,abc,1\n", "row 2 (line 3), column 2 ('b'): 'abc' is not a number"),
                Arguments.of("a,b,label\n1,2,0\n3,4,nan\n", "row 2 (line 3), column 3 ('label'): is NaN"),
                Arguments.of("a,b,label\n1,-inf,0\n", "row 1 (line 2), column 2 ('b'): is infinite"),
                Arguments.of("a,b,label\n1,1e999,0\n", "row 1 (line 2), column 2 ('b'): '1e999' overflows to infinity"),
                Arguments.of("a,b,label\n1,,0\n", "row 1 (line 2), column 2 ('b'): is empty"),
                Arguments.of("a,b,label\n1,2,0\n1,2\n", "row 2 (line 3) has 2 cells, the header has 3 columns"),
                Arguments.of("a,b,y\n1,2,0\n", "the header has no label column 'label' (columns: a, b, y)"),
                Arguments.of("label\n1\n", "at least one feature column"),
                Arguments.of("", "the CSV is empty"),
                Arguments.of("a,label\n", "the dataset has no rows"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidCsv")
    void invalidCsvNamesRowAndColumn(String csv, String message) {
        assertThatThrownBy(() -> DatasetReader.scan(DatasetFormat.CSV, DatasetLayout.DEFAULT, List.of(text(csv))))
                .isInstanceOf(InvalidDatasetException.class).hasMessageContaining(message);
    }

    @Test
    void csvAcceptsQuotesBlankLinesCrlfAndAnotherLabelColumn() {
        Dataset d = DatasetReader.load(DatasetFormat.CSV, new DatasetLayout("y", "x", "y"),
                List.of(text("\"a\",\"y\"\r\n\"1.5\",1\r\n\r\n-2e-3,0\r\n")));
        assertThat(d.x()).containsExactly(1.5, -0.002);
        assertThat(d.labels()).containsExactly(1.0, 0.0);
    }
}
