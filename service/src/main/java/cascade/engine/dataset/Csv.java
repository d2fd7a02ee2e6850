package cascade.engine.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * CSV with a header row: comma-separated, UTF-8, optional double quotes around a cell (no commas
 * inside cells), blank lines ignored. The label column is found by name; every other column is a
 * feature. Every cell must be a finite decimal number.
 */
final class Csv {

    private Csv() {
    }

    static void read(InputStream in, String labelColumn, DatasetReader.Table t) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String header = r.readLine();
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
        t.columns(names.length - 1, 0, "body");
        String line;
        long lineNo = 1;
        long row = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            row++;
            String[] cells = split(line);
            if (cells.length != names.length) {
                throw new InvalidDatasetException("body", "row " + row + " (line " + lineNo + ") has " + cells.length
                        + " cells, the header has " + names.length + " columns");
            }
            for (int c = 0; c < cells.length; c++) {
                double v = number(cells[c], row, lineNo, c, names[c]);
                if (c == label) {
                    t.label(v);
                } else {
                    t.feature(v, "body");
                }
            }
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

    private static String shorten(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    private static String abbreviate(String[] names) {
        String[] shown = Arrays.copyOf(names, Math.min(names.length, 10));
        for (int i = 0; i < shown.length; i++) {
            shown[i] = shorten(shown[i]);
        }
        return String.join(", ", shown) + (names.length > 10 ? ", ..." : "");
    }
}
