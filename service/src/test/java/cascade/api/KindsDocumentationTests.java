package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.engine.EstimatorKind;
import cascade.engine.Kinds;
import cascade.engine.TeacherKind;
import cascade.engine.spec.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's estimator table and the OpenAPI spec's estimator and teacher schemas say what the
 * registry ({@link Kinds}) runs: every kind and no other, every parameter, and (README) every
 * default that fits in a table cell. A new kind fails here until both documents know it.
 */
class KindsDocumentationTests {

    static final OpenApiContract OPENAPI = OpenApiContract.load();

    static String readme() throws IOException {
        Path p = Files.exists(Path.of("../README.md")) ? Path.of("../README.md") : Path.of("README.md");
        return Files.readString(p);
    }

    /** kind -> parameters cell of each row of the table under "## Estimators". */
    static Map<String, String> readmeRows() throws IOException {
        String text = readme();
        String section = text.substring(text.indexOf("\n## Estimators\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| (.*?) \\| .* \\| .* \\|$").matcher(section);
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        return rows;
    }

    @Test
    void readmeTableListsEveryEstimatorKindWithItsParametersAndDefaults() throws IOException {
        Map<String, String> rows = readmeRows();
        assertThat(rows.keySet())
                .containsExactlyElementsOf(Kinds.ESTIMATORS.stream().map(EstimatorKind::kind).toList());
        for (EstimatorKind<?> kind : Kinds.ESTIMATORS) {
            List<Catalog.Parameter> params = kind.catalogEntry().parameters().stream()
                    .filter(p -> !p.name().equals("name")).toList();
            String cell = rows.get(kind.kind());
            for (Catalog.Parameter p : params) {
                assertThat(cell).as("README row %s", kind.kind()).contains("`" + p.name() + "`");
                String said = describedAfter(cell, p.name(), params);
                if (simple(p.defaultValue())) {
                    assertThat(renderings(p.defaultValue())).as("README default of %s.%s in '%s'", kind.kind(),
                            p.name(), said).anyMatch(said::contains);
                }
            }
        }
    }

    @Test
    void readmeNamesEveryTeacherKind() throws IOException {
        String text = readme();
        int from = text.indexOf("\nTeachers: ");
        String teachers = text.substring(from, text.indexOf("\n\n", from));
        for (TeacherKind<?> kind : Kinds.TEACHERS) {
            assertThat(teachers).contains("`" + kind.kind() + "`");
        }
    }

    @Test
    void openApiSchemasListEveryKindAndParameter() {
        JsonNode estimator = OPENAPI.schema("EstimatorSpec").path("properties");
        assertThat(strings(estimator.path("kind").path("enum")))
                .containsExactlyElementsOf(Kinds.ESTIMATORS.stream().map(EstimatorKind::kind).toList());
        for (EstimatorKind<?> kind : Kinds.ESTIMATORS) {
            kind.catalogEntry().parameters().forEach(p -> assertThat(estimator.has(p.name()))
                    .as("EstimatorSpec property %s of %s", p.name(), kind.kind()).isTrue());
        }
        JsonNode teacher = OPENAPI.schema("Teacher").path("properties");
        assertThat(strings(teacher.path("kind").path("enum")))
                .containsExactlyElementsOf(Kinds.TEACHERS.stream().map(TeacherKind::kind).toList());
        for (TeacherKind<?> kind : Kinds.TEACHERS) {
            kind.catalogEntry().parameters().forEach(p -> assertThat(teacher.has(p.name()))
                    .as("Teacher property %s of %s", p.name(), kind.kind()).isTrue());
        }
    }

    /** The text after `name` up to the next parameter of the same kind. */
    static String describedAfter(String cell, String name, List<Catalog.Parameter> params) {
        int from = cell.indexOf("`" + name + "`") + name.length() + 2;
        int to = cell.length();
        for (Catalog.Parameter other : params) {
            int at = cell.indexOf("`" + other.name() + "`", from);
            if (at >= 0 && at < to) {
                to = at;
            }
        }
        return cell.substring(from, to);
    }

    /** Defaults a table cell can state: numbers, booleans and single words ("relu", "loo"). */
    static boolean simple(Object value) {
        return value instanceof Number || value instanceof Boolean
                || (value instanceof String s && s.matches("[a-z0-9.+-]+"));
    }

    /** How the README may write a default: as is, or a power of ten as 1e-4. */
    static List<String> renderings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Double d) {
            out.add(d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString());
            double exponent = Math.log10(d);
            if (d > 0 && exponent == Math.rint(exponent)) {
                out.add("1e" + (long) exponent);
            }
        } else {
            out.add(String.valueOf(value));
        }
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
