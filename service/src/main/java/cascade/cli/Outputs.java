package cascade.cli;

import cascade.engine.report.ResultDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where a finished result goes: the JSON to {@code out} (stdout when absent), a JUnit XML report
 * to {@code junit} when given, and a few summary lines to stderr. Shared by run and submit.
 */
record Outputs(@Nullable Path out, @Nullable Path junit) {

    /** Writes everything; false (after saying why on err) when a file cannot be written. */
    boolean emit(ResultDocument doc, PrintStream stdout, PrintStream err) {
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        Path current = out;
        try {
            if (out == null) {
                stdout.println(json);
            } else {
                Files.writeString(out, json + System.lineSeparator());
                err.println("wrote " + out);
            }
            current = junit;
            if (junit != null) {
                JunitReport.write(doc, junit);
                err.println("wrote " + junit);
            }
        } catch (IOException e) {
            err.println("cannot write " + current + ": " + e.getMessage());
            return false;
        }
        err.println(Summaries.of(doc));
        return true;
    }
}
