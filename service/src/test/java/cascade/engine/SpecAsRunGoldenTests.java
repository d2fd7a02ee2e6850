package cascade.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import cascade.engine.spec.SpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins "the spec as run" (the tree {@link SpecWriter} writes back, stored with every experiment
 * and returned in results) and the memory estimates of a fixed set of specs: every example in
 * {@code examples/} and one spec per estimator variant and teacher in {@code golden/specs.json}.
 * The expected trees were written by the code before the estimator registry replaced the
 * hand-written parser, writer and memory switch, so a change here is a change users see. Run with
 * {@code -Dgolden.write=true} to rewrite the file after an intended change, and review the diff.
 */
class SpecAsRunGoldenTests {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    static final Path GOLDEN = Path.of("src/test/resources/golden/spec-as-run.json");
    static final List<Integer> MEMORY_N = List.of(400, 3000, 50_000, 1_000_000);

    @Test
    void writtenSpecsAndMemoryEstimatesAreUnchanged() throws IOException {
        Map<String, Object> actual = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : inputs().entrySet()) {
            actual.put(c.getKey(), outcome(c.getValue()));
        }
        String text = JSON.writeValueAsString(actual) + "\n";
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(GOLDEN, text);
        }
        assertThat(text).isEqualTo(Files.readString(GOLDEN));
    }

    /** Every example, then every teacher with every estimator of golden/specs.json. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> inputs() throws IOException {
        Map<String, Object> cases = new LinkedHashMap<>();
        Path examples = Files.isDirectory(Path.of("../examples")) ? Path.of("../examples") : Path.of("examples");
        try (Stream<Path> files = Files.list(examples)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                cases.put("examples/" + p.getFileName(), JSON.readValue(Files.readString(p), Object.class));
            }
        }
        Map<String, Object> specs = JSON.readValue(Files.readString(Path.of("src/test/resources/golden/specs.json")),
                LinkedHashMap.class);
        List<Object> teachers = (List<Object>) specs.get("teachers");
        List<Object> estimators = (List<Object>) specs.get("estimators");
        for (int t = 0; t < teachers.size(); t++) {
            for (int e = 0; e < estimators.size(); e++) {
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("teacher", teachers.get(t));
                spec.put("estimators", List.of(estimators.get(e)));
                spec.put("sweep", Map.of("n", List.of(400)));
                spec.put("test", Map.of("n", 200));
                cases.put("teacher " + t + " estimator " + e, spec);
            }
        }
        return cases;
    }

    static Map<String, Object> outcome(Object input) {
        ExperimentSpec spec = SpecParser.parse(input);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("written", SpecWriter.toTree(spec));
        if (spec.teacher() instanceof DatasetTeacher) {
            return out; // no estimate without the dataset's shape
        }
        List<Object> memory = new ArrayList<>();
        for (int e = 0; e < spec.estimators().size(); e++) {
            for (int n : MEMORY_N) {
                MemoryEstimate m = MemoryEstimate.of(spec, e, n);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("estimator", m.estimator());
                entry.put("n", m.n());
                entry.put("phase", m.phase());
                entry.put("bytes", m.bytes());
                entry.put("terms", m.terms().stream().map(t -> t.name() + ": " + t.bytes()).toList());
                memory.add(entry);
            }
        }
        out.put("memory", memory);
        try {
            MemoryEstimate.requireFits(spec, 1L << 30);
            out.put("fits1GiB", "yes");
        } catch (MemoryBudgetExceededException ex) {
            out.put("fits1GiB", ex.getMessage());
        }
        return out;
    }
}
