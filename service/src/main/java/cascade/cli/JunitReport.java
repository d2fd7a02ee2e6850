package cascade.cli;

import cascade.engine.report.ExperimentReport.Verdict;
import cascade.engine.report.ResultDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A result as a JUnit XML report, the de-facto format Jenkins, GitLab and GitHub test reporters
 * read: one {@code <testsuite>} named after the spec, one {@code <testcase>} for the experiment's
 * status (fails unless SUCCEEDED) and one per expectation, in spec order ({@code expect[i]} in
 * the name), with a {@code <failure>} giving expected, actual and tolerance when it fails.
 */
final class JunitReport {

    private JunitReport() {
    }

    static void write(ResultDocument doc, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(doc, xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(ResultDocument doc, XMLStreamWriter xml) throws XMLStreamException {
        String suite = doc.spec().get("name") instanceof String s ? s : "experiment";
        List<Verdict> verdicts = doc.verdicts();
        boolean succeeded = doc.status().equals("SUCCEEDED");
        long failures = verdicts.stream().filter(v -> !v.pass()).count() + (succeeded ? 0 : 1);
        String tests = Integer.toString(verdicts.size() + 1);
        String time = seconds(doc.timings().get("wallSeconds"));
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "cascade");
        xml.writeAttribute("tests", tests);
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("time", time);
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(suite));
        xml.writeAttribute("tests", tests);
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", time);
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "experiment", doc.experiment());
        property(xml, "status", doc.status());
        xml.writeCharacters("\n    ");
        xml.writeEndElement();

        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean("cascade." + suite));
        xml.writeAttribute("name", "experiment status");
        xml.writeAttribute("time", time);
        if (!succeeded) {
            failure(xml, "experiment " + doc.experiment() + " ended " + doc.status(),
                    "status: " + doc.status() + "\nexpected: SUCCEEDED\n");
        }
        xml.writeEndElement();
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", clean("cascade." + suite));
            xml.writeAttribute("name", clean("expect[" + i + "] " + v.estimator() + " " + Summaries.quantity(v)));
            xml.writeAttribute("time", "0");
            if (!v.pass()) {
                failure(xml, Summaries.verdictLine(v), details(v));
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private static String details(Verdict v) {
        StringBuilder sb = new StringBuilder();
        sb.append("estimator: ").append(v.estimator()).append('\n');
        sb.append("quantity: ").append(Summaries.quantity(v)).append('\n');
        sb.append("expected: ").append(v.expected() == null ? "missing" : number(v.expected()));
        sb.append(v.baseline() != null ? " (baseline " + v.baseline() + ")" : "").append('\n');
        sb.append("actual: ").append(v.value() == null ? "missing" : number(v.value())).append('\n');
        sb.append("tolerance: ").append(number(v.tolerance())).append(v.relative() ? " relative" : " absolute");
        if (v.allowed() != null) {
            sb.append(" (|actual - expected| <= ").append(number(v.allowed())).append(')');
        }
        sb.append('\n');
        if (v.value() != null && v.expected() != null) {
            sb.append("deviation: ").append(number(Math.abs(v.value() - v.expected()))).append('\n');
        }
        if (v.reason() != null) {
            sb.append("reason: ").append(v.reason()).append('\n');
        }
        return sb.toString();
    }

    private static void failure(XMLStreamWriter xml, String message, String text) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeStartElement("failure");
        xml.writeAttribute("message", clean(message));
        xml.writeAttribute("type", "ExpectationFailed");
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value));
    }

    private static String seconds(Double s) {
        return String.format(Locale.ROOT, "%.3f", s == null ? 0.0 : s);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** XML 1.0 allows no control characters but tab, newline and carriage return. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            sb.appendCodePoint(allowed ? c : '?');
        });
        return sb.toString();
    }
}
