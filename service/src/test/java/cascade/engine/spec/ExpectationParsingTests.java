package cascade.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code expect} entries of a spec: every form the README documents, every bad field named. */
class ExpectationParsingTests {

    static Map<String, Object> withExpect(Object... entries) {
        Map<String, Object> tree = SpecParserTests.minimal();
        tree.put("estimators", List.of(Map.of("kind", "hierarchical-spectral", "name", "spectral")));
        tree.put("expect", List.of(entries));
        return tree;
    }

    static Map<String, Object> entry(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static List<String> fieldsOf(Map<String, Object> tree) {
        try {
            SpecParser.parse(tree);
        } catch (InvalidSpecException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("parsed without errors");
    }

    @Test
    void absoluteRelativeAndBaselineFormsAreRead() {
        ExperimentSpec spec = SpecParser.parse(withExpect(
                entry("estimator", "spectral", "quantity", "exponent", "value", -0.55, "tolerance", 0.08),
                entry("estimator", "spectral", "quantity", "crossing", "direction", 2, "value", 9000,
                        "relativeTolerance", 0.1),
                entry("estimator", "spectral", "quantity", "nmse", "n", 1000, "value", 0.5, "tolerance", 0.1,
                        "relative", true),
                entry("estimator", "spectral", "quantity", "overlapA", "n", 1000, "against", "baseline",
                        "tolerance", 0.05)));
        assertThat(spec.expect()).containsExactly(
                new Expectation("spectral", "exponent", -0.55, 0.08, false, null, null, Expectation.Against.VALUE),
                new Expectation("spectral", "crossing", 9000.0, 0.1, true, 2, null, Expectation.Against.VALUE),
                new Expectation("spectral", "nmse", 0.5, 0.1, true, null, 1000, Expectation.Against.VALUE),
                new Expectation("spectral", "overlapA", null, 0.05, false, null, 1000, Expectation.Against.BASELINE));
        // allowed deviation: 10% of |9000| = 900
        assertThat(spec.expect().get(1).allowed(9000)).isEqualTo(900.0);
        assertThat(SpecParser.parse(SpecWriter.toTree(spec))).isEqualTo(spec);
    }

    @Test
    void everyBadExpectationFieldIsNamed() {
        assertThat(fieldsOf(withExpect(
                entry("estimator", "spectral", "quantity", "exponent"),
                entry("estimator", "spectral", "quantity", "exponent", "value", "x", "tolerance", -1),
                entry("estimator", "spectral", "quantity", "exponent", "value", 1, "tolerance", 0.1,
                        "relativeTolerance", 0.1),
                entry("estimator", "spectral", "quantity", "exponent", "against", "baseline", "value", 1,
                        "tolerance", 0.1),
                entry("estimator", "spectral", "quantity", "exponent", "against", "yesterday", "value", 1,
                        "tolerance", 0.1),
                entry("estimator", "spectral", "quantity", "crossing", "value", 1, "tolerance", 0.1),
                entry("estimator", "spectral", "quantity", "nmse", "value", 1, "tolerance", 0.1, "direction", 1),
                entry("estimator", "spectral", "quantity", "exponent", "value", 1, "tolerance", 0.1, "n", 1000),
                entry("estimator", "spectral", "quantity", "loss", "value", 1, "tolerance", 0.1, "colour", 1),
                entry("estimator", "spectral", "quantity", "exponent", "value", 1, "relativeTolerance", 0.1,
                        "relative", false),
                entry("estimator", "spectral", "quantity", "exponent", "value", Double.NaN, "tolerance",
                        Double.POSITIVE_INFINITY),
                "not an object")))
                .containsExactlyInAnyOrder(
                        "expect[0].value", "expect[0].tolerance",
                        "expect[1].value", "expect[1].tolerance",
                        "expect[2].relativeTolerance",
                        "expect[3].value",
                        "expect[4].against",
                        "expect[5].direction",
                        "expect[6].n", "expect[6].direction",
                        "expect[7].n",
                        "expect[8].quantity", "expect[8].colour",
                        "expect[9].relative",
                        "expect[10].value", "expect[10].tolerance",
                        "expect[11]");
    }

    @Test
    void theCatalogListsEveryFieldTheParserReads() {
        assertThat(Catalog.expectation().parameters()).extracting(Catalog.Parameter::name)
                .containsExactlyInAnyOrder("estimator", "quantity", "direction", "n", "value", "tolerance",
                        "relativeTolerance", "relative", "against");
        assertThat(Catalog.expectation().parameters().stream().filter(p -> p.name().equals("quantity")).findFirst()
                .orElseThrow().allowed()).contains("exponent", "crossing", "nmse", "overlapA", "overlapH");
        assertThatThrownBy(() -> SpecParser.parse(withExpect(entry("estimator", "spectral", "quantity", "exponent",
                "value", 1, "tolerance", 0.1, "tolerence", 0.1))))
                .isInstanceOfSatisfying(InvalidSpecException.class, ex -> assertThat(ex.errors())
                        .extracting(FieldError::field).containsExactly("expect[0].tolerence"));
    }
}
