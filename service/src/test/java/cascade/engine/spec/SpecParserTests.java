package cascade.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.spectral.HierarchicalSpectralSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecParserTests {

    static Map<String, Object> minimal() {
        Map<String, Object> teacher = new LinkedHashMap<>();
        teacher.put("kind", "hierarchical");
        teacher.put("input", "gaussian-equivalent");
        teacher.put("features", 400);
        teacher.put("p", 10);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("teacher", teacher);
        spec.put("estimators", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("kind", "hierarchical-spectral")))));
        spec.put("sweep", new LinkedHashMap<>(Map.of("n", new LinkedHashMap<>(Map.of("from", 1000, "to", 100000, "points", 5)))));
        return spec;
    }

    @Test
    void fillsDocumentedDefaults() {
        ExperimentSpec spec = SpecParser.parse(minimal());
        assertThat(spec.name()).isEqualTo("unnamed");
        assertThat(spec.test().n()).isEqualTo(5000);
        assertThat(spec.sweep().seeds()).containsExactly(0L, 1L, 2L);
        // geometric: 1000 * 100^(i/4) = 1000, 3162, 10000, 31623, 100000
        assertThat(spec.sweep().n()).containsExactly(1000, 3162, 10000, 31623, 100000);
        HierarchicalTeacher t = (HierarchicalTeacher) spec.teacher();
        assertThat(t.features()).isEqualTo(400);
        assertThat(t.secondLayer()).isEqualTo(new SecondLayer.PowerLaw(1.0));
        HierarchicalSpectralSpec e = (HierarchicalSpectralSpec) spec.estimators().get(0);
        assertThat(e.name()).isEqualTo("hierarchical-spectral");
        assertThat(e.directions()).isEqualTo(new DirectionRule.Fixed(10));
        assertThat(e.oversample()).isEqualTo(10);
        assertThat(spec.fit().metric()).isEqualTo("nmse");
    }

    @Test
    void writtenTreeParsesToTheSameSpec() {
        ExperimentSpec spec = SpecParser.parse(minimal());
        assertThat(SpecParser.parse(SpecWriter.toTree(spec))).isEqualTo(spec);
    }

    @Test
    void dGivesHermiteFeatureCount() {
        Map<String, Object> tree = minimal();
        @SuppressWarnings("unchecked")
        Map<String, Object> teacher = (Map<String, Object>) tree.get("teacher");
        teacher.remove("features");
        teacher.put("d", 28);
        teacher.remove("p");
        teacher.put("epsilon", 0.5);
        HierarchicalTeacher t = (HierarchicalTeacher) SpecParser.parse(tree).teacher();
        assertThat(t.features()).isEqualTo(28 * 29 / 2);
        assertThat(t.p()).isEqualTo(5); // round(28^0.5) = round(5.29)
    }

    @Test
    void alphaSweepUsesD() {
        Map<String, Object> tree = minimal();
        @SuppressWarnings("unchecked")
        Map<String, Object> teacher = (Map<String, Object>) tree.get("teacher");
        teacher.remove("features");
        teacher.put("d", 20);
        tree.put("sweep", Map.of("n", Map.of("alpha", Map.of("from", 1.5, "to", 2.0, "step", 0.25)), "seeds", 2));
        ExperimentSpec spec = SpecParser.parse(tree);
        // 20^1.5 = 89.4, 20^1.75 = 189.1, 20^2 = 400
        assertThat(spec.sweep().n()).containsExactly(89, 189, 400);
        assertThat(spec.sweep().seeds()).containsExactly(0L, 1L);
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        Map<String, Object> tree = minimal();
        tree.put("colour", "blue");
        @SuppressWarnings("unchecked")
        Map<String, Object> teacher = (Map<String, Object>) tree.get("teacher");
        teacher.put("noise", -1);
        teacher.put("link", "sigmoid");
        tree.put("estimators", List.of(Map.of("kind", "kernel-ridge", "ridge", "lots"),
                Map.of("kind", "random-features", "widht", 10)));
        tree.put("test", Map.of("n", 1.5));
        assertThatThrownBy(() -> SpecParser.parse(tree))
                .isInstanceOfSatisfying(InvalidSpecException.class, ex -> assertThat(ex.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("colour", "teacher.noise", "teacher.link", "estimators[0].ridge",
                                "estimators[1].widht", "test.n"));
    }

    @Test
    void missingRequiredPartsAreNamed() {
        assertThatThrownBy(() -> SpecParser.parse(Map.of()))
                .isInstanceOfSatisfying(InvalidSpecException.class, ex -> assertThat(ex.errors())
                        .extracting(FieldError::field).containsExactly("teacher", "estimators", "sweep"));
        assertThatThrownBy(() -> SpecParser.parse(List.of()))
                .isInstanceOfSatisfying(InvalidSpecException.class, ex -> assertThat(ex.errors())
                        .extracting(FieldError::field).containsExactly("$"));
    }

    @Test
    void rejectsHugeNegativeAndNonFiniteNumbers() {
        Map<String, Object> tree = minimal();
        tree.put("sweep", Map.of("n", List.of(-5, 1e12, 100), "seeds", -1));
        @SuppressWarnings("unchecked")
        Map<String, Object> teacher = (Map<String, Object>) tree.get("teacher");
        teacher.put("noise", Double.NaN);
        assertThatThrownBy(() -> SpecParser.parse(tree))
                .isInstanceOfSatisfying(InvalidSpecException.class, ex -> assertThat(ex.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("sweep.n[0]", "sweep.n[1]", "sweep.seeds", "teacher.noise"));
    }

    @Test
    void duplicateEstimatorNamesAndUnknownExpectationTargetsAreErrors() {
        Map<String, Object> tree = minimal();
        tree.put("estimators", List.of(Map.of("kind", "ridge"), Map.of("kind", "ridge")));
        tree.put("expect", List.of(Map.of("estimator", "nope", "quantity", "exponent", "value", -0.5, "tolerance", 0.1)));
        assertThatThrownBy(() -> SpecParser.parse(tree))
                .isInstanceOfSatisfying(InvalidSpecException.class, ex -> assertThat(ex.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("estimators[1].name", "expect[0].estimator"));
    }

    @Test
    void defaultDirectionsStayWithinTheirLimitSoTheSpecAsRunReadsBack() {
        // A teacher may plant up to 100000 directions; a spec may ask for at most 10000. The default
        // (the teacher's p) was written back above that limit and the spec as run did not parse.
        Map<String, Object> tree = minimal();
        tree.put("teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", 200_000,
                "p", 20_000));
        ExperimentSpec spec = SpecParser.parse(tree);
        assertThat(((HierarchicalSpectralSpec) spec.estimators().get(0)).directions())
                .isEqualTo(new DirectionRule.Fixed(10_000));
        assertThat(SpecParser.parse(SpecWriter.toTree(spec))).isEqualTo(spec);
    }
}
