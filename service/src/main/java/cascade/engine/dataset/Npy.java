package cascade.engine.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy .npy format (numpy.lib.format, versions 1.0-3.0): magic {@code \x93NUMPY}, version,
 * header length (2 bytes little-endian in 1.0, 4 in 2.0/3.0), a Python dict literal with
 * {@code descr}, {@code fortran_order} and {@code shape}, then the raw C-order data. Supported
 * dtypes: float32/64, signed and unsigned integers of 1-8 bytes, bool; either byte order.
 */
final class Npy {

    enum Role { FEATURES, LABELS }

    /** NumPy's own limit on dimensions (NPY_MAXDIMS in NumPy 2); also bounds shapes quoted in messages. */
    static final int MAX_DIMENSIONS = 64;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DTYPE = Pattern.compile("([<>|=])?([fiub])(\\d{1,2})");

    record Header(char kind, int size, ByteOrder order, long[] shape) {
    }

    private Npy() {
    }

    /**
     * Reads one array into the table. {@code toEnd}: the stream must end with the data (a
     * standalone .npy); inside an .npz the entry ends there anyway. {@code maxDataBytes}: most
     * data bytes the array may claim (an .npz entry: the inflated-size limit). The shape is
     * checked before any data is read: no negative dimension, at most {@link DatasetReader#MAX_VALUES}
     * values (so no product overflows), and, for a worker, exactly the stored shape.
     */
    static void read(InputStream in, String part, String what, Role role, Table t, boolean toEnd,
            long maxDataBytes) throws IOException {
        Header h = header(in, part, what);
        long[] dims = h.shape();
        String shape = shape(dims);
        long count = count(dims, part, what, shape);
        if (role == Role.FEATURES) {
            if (dims.length < 2) {
                throw new InvalidDatasetException(part, what + " must be a 2-D array (rows, columns); got shape "
                        + shape);
            }
            if (count == 0) {
                throw new InvalidDatasetException(part, what + " has shape " + shape
                        + "; at least one row and one column are needed");
            }
        } else {
            boolean column = dims.length == 2 && dims[1] == 1;
            if (dims.length != 1 && !column) {
                throw new InvalidDatasetException(part, what + " must be 1-D (rows,) or (rows, 1); got shape "
                        + shape);
            }
        }
        // count <= MAX_VALUES < 2^31 and size <= 8: no overflow below.
        long dataBytes = count * h.size();
        if (dataBytes > maxDataBytes) {
            throw new InvalidDatasetException(part, what + " claims shape " + shape + ", " + dataBytes
                    + " bytes of data, more than the limit of " + maxDataBytes + " bytes an .npz may inflate to");
        }
        int columns;
        if (role == Role.FEATURES) {
            columns = (int) (count / dims[0]);
            t.featuresHeader(dims[0], columns, part, what, shape);
        } else {
            columns = 1;
            t.labelsHeader(count, part, what, shape);
        }
        byte[] buf = new byte[Math.max(h.size(), (1 << 16) / h.size() * h.size())];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(h.order());
        long index = 0;
        while (index < count) {
            int want = (int) Math.min(buf.length, (count - index) * h.size());
            int got = in.readNBytes(buf, 0, want);
            if (got < want) {
                throw new InvalidDatasetException(part, what + " is truncated: shape " + shape
                        + " needs " + dataBytes + " data bytes, found " + (index * h.size() + got));
            }
            for (int off = 0; off < want; off += h.size(), index++) {
                double v = value(bb, off, h);
                if (!Double.isFinite(v)) {
                    throw new InvalidDatasetException(part, what + " row " + (index / columns + 1)
                            + (role == Role.FEATURES ? ", column " + (index % columns + 1) : "") + ": "
                            + (Double.isNaN(v) ? "NaN values are not allowed" : "infinite values are not allowed"));
                }
                if (role == Role.FEATURES) {
                    t.feature(v, part);
                } else {
                    t.label(v, part);
                }
            }
        }
        if (toEnd && in.read() != -1) {
            throw new InvalidDatasetException(part, what + " has bytes after the data of shape " + shape);
        }
    }

    /** The number of values of a shape, refused when negative or above MAX_VALUES (checked without overflow). */
    private static long count(long[] dims, String part, String what, String shape) {
        long c = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new InvalidDatasetException(part, what + " has a negative dimension in shape " + shape);
            }
        }
        for (long d : dims) {
            if (d == 0) {
                return 0;
            }
            if (c > DatasetReader.MAX_VALUES / d) {
                throw new InvalidDatasetException(part, what + " has shape " + shape + ": more than "
                        + DatasetReader.MAX_VALUES + " values, the most one dataset can hold");
            }
            c *= d;
        }
        return c;
    }

    private static double value(ByteBuffer b, int off, Header h) {
        return switch (h.kind()) {
            case 'f' -> h.size() == 8 ? b.getDouble(off) : b.getFloat(off);
            case 'i' -> switch (h.size()) {
                case 1 -> b.get(off);
                case 2 -> b.getShort(off);
                case 4 -> b.getInt(off);
                default -> b.getLong(off);
            };
            case 'u' -> switch (h.size()) {
                case 1 -> b.get(off) & 0xff;
                case 2 -> b.getShort(off) & 0xffff;
                case 4 -> b.getInt(off) & 0xffffffffL;
                default -> unsigned(b.getLong(off));
            };
            case 'b' -> b.get(off) != 0 ? 1 : 0;
            default -> throw new IllegalStateException("dtype checked in header()");
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    static Header header(InputStream in, String part, String what) throws IOException {
        byte[] magic = in.readNBytes(8);
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic.length < 8 || magic[i] != MAGIC[i]) {
                throw new InvalidDatasetException(part, what + " is not a NumPy .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = magic[6];
        int length;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            length = l.length < 2 ? -1 : (l[0] & 0xff) | (l[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            length = l.length < 4 ? -1 : ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            throw new InvalidDatasetException(part, what + " has .npy format version " + major + ", supported: 1-3");
        }
        if (length < 0 || length > 1 << 20) {
            throw new InvalidDatasetException(part, what + " has a damaged .npy header");
        }
        byte[] headerBytes = in.readNBytes(length);
        if (headerBytes.length < length) {
            throw new InvalidDatasetException(part, what + " has a truncated .npy header");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new InvalidDatasetException(part, what + " has an unsupported dtype (structured arrays are not "
                    + "supported); use float64, float32, an integer type or bool");
        }
        Matcher dtype = DTYPE.matcher(descr.group(1));
        if (!dtype.matches() || !supported(dtype.group(2).charAt(0), Integer.parseInt(dtype.group(3)))) {
            throw new InvalidDatasetException(part, what + " has unsupported dtype '" + Csv.shorten(descr.group(1))
                    + "'; use float64, float32, an integer type or bool");
        }
        Matcher fortran = FORTRAN.matcher(header);
        if (fortran.find() && fortran.group(1).equals("True")) {
            throw new InvalidDatasetException(part, what + " is stored in Fortran order; save it with "
                    + "numpy.ascontiguousarray first");
        }
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) {
            throw new InvalidDatasetException(part, what + " has a .npy header without a shape");
        }
        List<Long> dims = new ArrayList<>();
        for (String s : shape.group(1).split(",")) {
            if (!s.isBlank()) {
                try {
                    dims.add(Long.parseLong(s.trim().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new InvalidDatasetException(part, what + " has a .npy header with a bad shape ("
                            + Csv.shorten(shape.group(1)) + ")");
                }
            }
        }
        if (dims.size() > MAX_DIMENSIONS) {
            throw new InvalidDatasetException(part, what + " has " + dims.size() + " dimensions; NumPy arrays have at "
                    + "most " + MAX_DIMENSIONS);
        }
        String order = dtype.group(1);
        ByteOrder byteOrder = ">".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new Header(dtype.group(2).charAt(0), Integer.parseInt(dtype.group(3)), byteOrder,
                dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static boolean supported(char kind, int size) {
        return switch (kind) {
            case 'f' -> size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
    }

    private static String shape(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
