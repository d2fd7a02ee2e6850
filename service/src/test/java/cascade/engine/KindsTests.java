package cascade.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.spec.Catalog;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.FieldError;
import cascade.engine.spec.InvalidSpecException;
import cascade.engine.spec.SpecParser;
import cascade.engine.spec.SpecWriter;
import cascade.engine.spec.TeacherSpec;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every kind in the engine is registered, and every registered kind is complete: a unique name
 * that its record reports, examples, and parameters that the writer echoes and the parser reads
 * again with the defaults the catalog states. What the compiler cannot see about a new kind fails
 * here.
 */
class KindsTests {

    static final Map<String, Object> TEACHER = Map.of("kind", "hierarchical", "input", "gaussian-equivalent",
            "features", 400, "p", 10);

    static Map<String, Object> spec(Map<String, Object> teacher, List<Map<String, Object>> estimators) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("teacher", teacher);
        spec.put("estimators", estimators);
        spec.put("sweep", Map.of("n", List.of(1000)));
        return spec;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> writtenEstimator(Map<String, Object> estimator) {
        return ((List<Map<String, Object>>) SpecWriter.toTree(SpecParser.parse(spec(TEACHER, List.of(estimator))))
                .get("estimators")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> writtenTeacher(Map<String, Object> teacher) {
        return (Map<String, Object>) SpecWriter.toTree(SpecParser.parse(spec(teacher,
                List.of(Map.of("kind", "ridge"))))).get("teacher");
    }

    @Test
    void kindNamesAreUniqueAndTheirRecordsReportThem() {
        Set<String> names = new HashSet<>();
        for (EstimatorKind<?> kind : Kinds.ESTIMATORS) {
            assertThat(names.add(kind.kind())).as("duplicate kind %s", kind.kind()).isTrue();
            assertThat(kind.specType().isRecord()).as(kind.kind()).isTrue();
            EstimatorSpec spec = SpecParser.parse(spec(TEACHER, List.of(Map.of("kind", kind.kind())))).estimators()
                    .get(0);
            assertThat(spec).isInstanceOf(kind.specType());
            assertThat(spec.kind()).isEqualTo(kind.kind());
            assertThat(Kinds.of(spec)).isSameAs(kind);
        }
        for (TeacherKind<?> kind : Kinds.TEACHERS) {
            assertThat(names.add(kind.kind())).as("duplicate kind %s", kind.kind()).isTrue();
            TeacherSpec spec = SpecParser.parse(spec(KindExamples.of(kind).get(0), List.of(Map.of("kind", "ridge"))))
                    .teacher();
            assertThat(spec).isInstanceOf(kind.specType());
            assertThat(spec.kind()).isEqualTo(kind.kind());
        }
    }

    @Test
    void everyKindAndEstimatorRecordInTheEngineIsRegistered() throws Exception {
        // A kind without its line in Kinds would never be parsed or run: fail here, not silently.
        Set<Class<?>> registered = new HashSet<>();
        Kinds.ESTIMATORS.forEach(k -> registered.addAll(List.of(k.getClass(), k.specType())));
        Kinds.TEACHERS.forEach(k -> registered.addAll(List.of(k.getClass(), k.specType())));
        Path classes = Path.of(Kinds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes.resolve("cascade/engine"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, Kinds.class.getClassLoader());
                boolean kind = EstimatorKind.class.isAssignableFrom(c) || TeacherKind.class.isAssignableFrom(c);
                boolean record = EstimatorSpec.class.isAssignableFrom(c) && c.isRecord();
                if ((kind || record) && !Modifier.isAbstract(c.getModifiers())) {
                    assertThat(registered).as("%s is not in cascade.engine.Kinds", name).contains(c);
                }
            }
        }
    }

    @Test
    void everyTeacherRecordHasAKind() {
        List<Class<?>> registered = Kinds.TEACHERS.stream().<Class<?>>map(TeacherKind::specType).toList();
        assertThat(registered).containsExactlyInAnyOrder(TeacherSpec.class.getPermittedSubclasses());
    }

    @Test
    void everyEstimatorParameterIsWrittenBackAndReadAgain() {
        for (EstimatorKind<?> kind : Kinds.ESTIMATORS) {
            List<Map<String, Object>> trees = new ArrayList<>(KindExamples.of(kind));
            trees.add(Map.of("kind", kind.kind()));
            for (Map<String, Object> tree : trees) {
                Map<String, Object> written = writtenEstimator(tree);
                assertThat(written.keySet()).as(kind.kind()).containsExactlyElementsOf(
                        names(kind.catalogEntry().parameters(), "kind"));
                assertThat(writtenEstimator(written)).as("%s read back", tree).isEqualTo(written);
            }
        }
    }

    @Test
    void everyTeacherParameterIsWrittenBackForSomeExampleAndReadAgain() {
        for (TeacherKind<?> kind : Kinds.TEACHERS) {
            Set<String> seen = new HashSet<>();
            for (Map<String, Object> tree : KindExamples.of(kind)) {
                Map<String, Object> written = writtenTeacher(tree);
                assertThat(names(kind.catalogEntry().parameters(), "kind")).as(kind.kind())
                        .containsAll(written.keySet());
                assertThat(writtenTeacher(written)).as("%s read back", tree).isEqualTo(written);
                seen.addAll(written.keySet());
            }
            assertThat(seen).as("parameters of %s that no example writes", kind.kind())
                    .containsAll(names(kind.catalogEntry().parameters(), "kind"));
        }
    }

    @Test
    void catalogDefaultsAreWhatTheParserFillsIn() {
        // Defaults shown as text ("p of the teacher", "{...}") are checked by the examples above.
        for (EstimatorKind<?> kind : Kinds.ESTIMATORS) {
            Map<String, Object> written = writtenEstimator(Map.of("kind", kind.kind()));
            for (Catalog.Parameter p : kind.catalogEntry().parameters()) {
                if (p.defaultValue() instanceof Number || p.defaultValue() instanceof Boolean
                        || (p.defaultValue() instanceof String s && !s.startsWith("{") && !s.contains(" "))) {
                    assertThat(written.get(p.name())).as(kind.kind() + "." + p.name()).isEqualTo(p.defaultValue());
                }
            }
        }
    }

    @Test
    void unknownKindsAreRefusedNamingEveryRegisteredKind() {
        String estimators = String.join(", ", Kinds.ESTIMATORS.stream().map(EstimatorKind::kind).toList());
        String teachers = String.join(", ", Kinds.TEACHERS.stream().map(TeacherKind::kind).toList());
        assertThatThrownBy(() -> SpecParser.parse(spec(Map.of("kind", "oracle"), List.of(Map.of("kind", "magic")))))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("teacher.kind", "must be one of " + teachers),
                        new FieldError("estimators[0].kind", "must be one of " + estimators)));
    }

    @Test
    void kindsThatNeedSyntheticInputsAreRefusedOnDatasetsNamingTheOthers() {
        List<String> rawInput = Kinds.ESTIMATORS.stream().filter(k -> k.requirement() == Requires.ANY_TEACHER)
                .map(EstimatorKind::kind).toList();
        List<Map<String, Object>> estimators = Kinds.ESTIMATORS.stream()
                .map(k -> Map.<String, Object>of("kind", k.kind())).toList();
        InvalidSpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidSpecException.class,
                () -> SpecParser.parse(spec(Map.of("kind", "dataset", "id", "d"), estimators)));
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyElementsOf(
                Kinds.ESTIMATORS.stream().filter(k -> k.requirement() != Requires.ANY_TEACHER)
                        .map(k -> "estimators[" + Kinds.ESTIMATORS.indexOf(k) + "].kind").toList());
        assertThat(e.errors()).allSatisfy(fe -> assertThat(fe.message())
                .endsWith("use an estimator on raw inputs (" + String.join(", ", rawInput) + ")"));
    }

    @Test
    void aKindThatNeedsPlantedDirectionsRefusesTeachersWithout() {
        TeacherKind<?> sight = Kinds.teacher("sight");
        ExperimentSpec spec = SpecParser.parse(spec(Map.of("kind", "sight", "d", 9), List.of(Map.of("kind", "ridge"))));
        assertThat(Requires.PLANTED_DIRECTIONS.refusal("k", sight, spec.teacher(), "ridge"))
                .isEqualTo("k needs a teacher with planted first-layer directions; sight has none");
        assertThat(Requires.PLANTED_DIRECTIONS.refusal("k", Kinds.teacher("hierarchical"),
                SpecParser.parse(spec(TEACHER, List.of(Map.of("kind", "ridge")))).teacher(), "ridge")).isNull();
        assertThat(Requires.SYNTHETIC_INPUTS.refusal("k", sight, spec.teacher(), "ridge")).isNull();
        assertThat(Requires.ANY_TEACHER.refusal("k", Kinds.teacher("dataset"), null, "ridge")).isNull();
    }

    static List<String> names(List<Catalog.Parameter> parameters, String... first) {
        List<String> names = new ArrayList<>(Arrays.asList(first));
        parameters.forEach(p -> names.add(p.name()));
        return names;
    }
}
