package cascade.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code dataset} teacher in specs: defaults, label forms, refusals, submission-time checks. */
class DatasetSpecTests {

    static Map<String, Object> spec(Map<String, Object> teacher, List<Map<String, Object>> estimators, Object n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("teacher", teacher);
        m.put("estimators", estimators);
        m.put("sweep", Map.of("n", n, "seeds", 2));
        return m;
    }

    static List<String> fields(InvalidSpecException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    static final DatasetShape.Catalog CATALOG = id -> id.equals("cifar")
            ? new DatasetShape(1000, 3072, Set.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0)) : null;

    @Test
    void defaultsAndEveryLabelFormRoundTrip() {
        ExperimentSpec raw = SpecParser.parse(spec(Map.of("kind", "dataset", "id", "cifar"),
                List.of(Map.of("kind", "ridge")), List.of(100, 200)));
        assertThat(raw.teacher()).isEqualTo(new DatasetTeacher("cifar", new LabelMapping.Raw(), true, 0.2));
        for (Object labels : List.of("raw", Map.of("binary", Map.of("positive", List.of(3, 1, 3))),
                Map.of("preset", "cifar10-animal-vs-vehicle"))) {
            ExperimentSpec s = SpecParser.parse(spec(Map.of("kind", "dataset", "id", "cifar", "labels", labels,
                    "standardize", false, "testFraction", 0.1), List.of(Map.of("kind", "ridge")), List.of(100)));
            assertThat(SpecParser.parse(SpecWriter.toTree(s))).isEqualTo(s);
        }
        ExperimentSpec binary = SpecParser.parse(spec(Map.of("kind", "dataset", "id", "cifar",
                "labels", Map.of("binary", Map.of("positive", List.of(3, 1, 3)))), List.of(Map.of("kind", "ridge")),
                List.of(100)));
        assertThat(((DatasetTeacher) binary.teacher()).labels()).isEqualTo(new LabelMapping.Binary(List.of(1.0, 3.0), null));
        assertThat(SpecWriter.toTree(binary).get("teacher").toString()).contains("positive=[1, 3]");
    }

    @Test
    void badFieldsAndHermiteEstimatorsAreNamed() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> SpecParser.parse(spec(
                Map.of("kind", "dataset", "labels", Map.of("preset", "mnist-odd"), "testFraction", 1.5, "colour", 1),
                List.of(Map.of("kind", "hierarchical-spectral"), Map.of("kind", "ridge"), Map.of("kind", "shallow-spectral")),
                List.of(100))));
        assertThat(fields(e)).containsExactlyInAnyOrder("teacher.id", "teacher.labels.preset", "teacher.testFraction",
                "teacher.colour", "estimators[0].kind", "estimators[2].kind");
        InvalidSpecException names = catchThrowableOfType(InvalidSpecException.class, () -> SpecParser.parse(spec(
                Map.of("kind", "dataset", "id", "../etc/passwd", "labels", Map.of("binary", Map.of("positive", List.of()))),
                List.of(Map.of("kind", "ridge")), List.of(100))));
        assertThat(fields(names)).containsExactlyInAnyOrder("teacher.id", "teacher.labels.binary.positive");
    }

    @Test
    void theCatalogChecksExistenceTrainingRowsAndClasses() {
        // 1000 rows, testFraction 0.2: 800 training rows.
        ExperimentSpec ok = SpecParser.parse(spec(Map.of("kind", "dataset", "id", "cifar",
                "labels", Map.of("preset", "cifar10-animal-vs-vehicle")), List.of(Map.of("kind", "ridge")),
                List.of(100, 800)), CATALOG);
        assertThat(ok.sweep().largestN()).isEqualTo(800);
        InvalidSpecException tooMany = catchThrowableOfType(InvalidSpecException.class, () -> SpecParser.parse(spec(
                Map.of("kind", "dataset", "id", "cifar", "labels", Map.of("binary", Map.of("positive", List.of(11)))),
                List.of(Map.of("kind", "ridge")), List.of(100, 801)), CATALOG));
        assertThat(fields(tooMany)).containsExactlyInAnyOrder("sweep.n", "teacher.labels.binary.positive");
        assertThat(tooMany.errors().get(0).message()).contains("801", "800 training rows");
        InvalidSpecException missing = catchThrowableOfType(InvalidSpecException.class, () -> SpecParser.parse(spec(
                Map.of("kind", "dataset", "id", "nope"), List.of(Map.of("kind", "ridge")), List.of(100)), CATALOG));
        assertThat(fields(missing)).containsExactly("teacher.id");
    }

    @Test
    void theCifarExampleParses() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("../examples/cifar10-animal-vs-vehicle.json");
        if (!java.nio.file.Files.exists(file)) {
            file = java.nio.file.Path.of("examples/cifar10-animal-vs-vehicle.json");
        }
        Object tree = tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(java.nio.file.Files.readString(file), Object.class);
        // CIFAR-10's training set: 50000 rows of 32 x 32 x 3.
        ExperimentSpec spec = SpecParser.parse(tree, id -> new DatasetShape(50_000, 3072,
                Set.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0)));
        assertThat(spec.teacher()).isInstanceOf(DatasetTeacher.class);
    }
}
