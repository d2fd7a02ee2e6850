package cascade.engine.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * CSV with a header row: comma-separated, UTF-8, optional double quotes around a cell (no commas
 * inside cells), blank lines ignored. The label column is found by name; every other column is a
 * feature. Every cell must be a finite decimal number. A line may be at most the limit's bytes
 * long, the header included.
 */
final class Csv {

    private Csv() {
    }

    static void read(InputStream in, String labelColumn, int maxLineLength, Table t)
            throws IOException {
        Lines r = new Lines(in, maxLineLength);
        String header = r.next();
        if (header == null) {
            throw new InvalidDatasetException("body", "the CSV is empty: a header row naming the columns is expected");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        String[] names = split(header);
        for (int i = 0; i < names.length; i++) {
            names[i] = unquote(names[i].trim());
        }
        int label = Arrays.asList(names).indexOf(labelColumn);
        if (label < 0) {
            throw new InvalidDatasetException("body", "the header has no label column '" + labelColumn
                    + "' (columns: " + abbreviate(names) + "); name it with the labelColumn parameter");
        }
        if (names.length < 2) {
            throw new InvalidDatasetException("body", "the CSV needs at least one feature column besides '"
                    + labelColumn + "'");
        }
        t.columns(names.length - 1, "body");
        String line;
        long row = 0;
        while ((line = r.next()) != null) {
            if (line.isBlank()) {
                continue;
            }
            row++;
            long lineNo = r.number();
            String[] cells = split(line);
            if (cells.length != names.length) {
                throw new InvalidDatasetException("body", "row " + row + " (line " + lineNo + ") has " + cells.length
                        + " cells, the header has " + names.length + " columns");
            }
            for (int c = 0; c < cells.length; c++) {
                double v = number(cells[c], row, lineNo, c, names[c]);
                if (c == label) {
                    t.label(v, "body");
                } else {
                    t.feature(v, "body");
                }
            }
        }
    }

    /**
     * Lines of UTF-8 text, each at most {@code max} bytes: a longer one is refused as soon as it
     * crosses the limit, so no line is ever held beyond it. Line ends as in
     * {@link java.io.BufferedReader#readLine}: LF, CRLF or a lone CR.
     */
    private static final class Lines {
        private final InputStream in;
        private final int max;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int end;
        private byte[] line = new byte[256];
        private boolean afterCr;
        private long number;

        Lines(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        /** 1-based number of the line {@link #next} returned last. */
        long number() {
            return number;
        }

        @Nullable String next() throws IOException {
            int len = 0;
            boolean any = false;
            while (true) {
                if (pos == end) {
                    int n = in.read(buf, 0, buf.length);
                    if (n < 0) {
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                    pos = 0;
                    end = n;
                    continue;
                }
                byte b = buf[pos++];
                if (afterCr) {
                    afterCr = false;
                    if (b == '\n') {
                        continue;
                    }
                }
                any = true;
                if (b == '\n') {
                    break;
                }
                if (b == '\r') {
                    afterCr = true;
                    break;
                }
                if (len == max) {
                    throw new InvalidDatasetException("body", "line " + (number + 1) + " is longer than the limit of "
                            + max + " bytes");
                }
                if (len == line.length) {
                    line = Arrays.copyOf(line, (int) Math.min(max, 2L * len));
                }
                line[len++] = b;
            }
            number++;
            return new String(line, 0, len, StandardCharsets.UTF_8);
        }
    }

    private static double number(String cell, long row, long line, int column, String name) {
        String s = unquote(cell.trim());
        if (s.isEmpty()) {
            throw bad(row, line, column, name, "is empty");
        }
        char last = s.charAt(s.length() - 1);
        if (!(last >= '0' && last <= '9') && last != '.') {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("nan") || lower.equals("-nan") || lower.equals("+nan")) {
                throw bad(row, line, column, name, "is NaN; NaN values are not allowed");
            }
            if (lower.matches("[+-]?inf(inity)?")) {
                throw bad(row, line, column, name, "is infinite; infinite values are not allowed");
            }
            throw bad(row, line, column, name, "'" + shorten(s) + "' is not a number");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw bad(row, line, column, name, "'" + shorten(s) + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw bad(row, line, column, name, "'" + shorten(s) + "' overflows to infinity");
        }
        return v;
    }

    private static InvalidDatasetException bad(long row, long line, int column, String name, String what) {
        return new InvalidDatasetException("body", "row " + row + " (line " + line + "), column " + (column + 1)
                + " ('" + shorten(name) + "'): " + what);
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    static String shorten(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    static String abbreviate(String[] names) {
        String[] shown = Arrays.copyOf(names, Math.min(names.length, 10));
        for (int i = 0; i < shown.length; i++) {
            shown[i] = shorten(shown[i]);
        }
        return String.join(", ", shown) + (names.length > 10 ? ", ..." : "");
    }
}
