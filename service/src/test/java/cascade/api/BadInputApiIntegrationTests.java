package cascade.api;

import static cascade.api.ApiClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import cascade.TestSpecs;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad input to POST /experiments over real HTTP: malformed JSON, wrong types, unknown fields,
 * huge numbers, negative sizes, NaN and Infinity, over-long names, deep nesting, bad
 * expectations. Each is a 400 problem detail (validated against the OpenAPI file) naming the
 * field, and nothing reaches the database.
 */
@ApiIntegrationTest(properties = "cascade.jobs.enabled=false")
@TestSchema(value = "it_bad_input", truncate = {"experiment", "run", "baseline"})
class BadInputApiIntegrationTests {

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

    /** The tiny valid spec with one edit, as JSON text; "__NAN__"-style markers become bare tokens. */
    @SuppressWarnings("unchecked")
    static String spec(Consumer<Map<String, Object>> edit) {
        Map<String, Object> tree = deepCopy(TestSpecs.tinyTree("bad-input", 2, 1));
        tree.put("expect", List.of(new LinkedHashMap<>(Map.of("estimator", "spectral", "quantity", "exponent",
                "value", -0.5, "tolerance", 0.5))));
        edit.accept(tree);
        return ApiClient.json(tree).replace("\"__NAN__\"", "NaN")
                .replace("\"__INFINITY__\"", "-Infinity").replace("\"__HUGE__\"", "1e400")
                .replace("\"__BIGINT__\"", "123456789012345678901234567890");
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (node instanceof List<?> l) {
            return (T) new java.util.ArrayList<>(l.stream().map(BadInputApiIntegrationTests::deepCopy).toList());
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> tree, String key) {
        return (Map<String, Object>) tree.get(key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Map<String, Object> tree, String key) {
        return ((List<Map<String, Object>>) tree.get(key)).get(0);
    }

    static Object nested(int depth) {
        Object node = 1;
        for (int i = 0; i < depth; i++) {
            node = List.of(node);
        }
        return node;
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"teacher\": ", "$"),
                Arguments.of("not an object", "[1, 2]", "$"),
                Arguments.of("wrong type", spec(t -> at(t, "teacher").put("d", "eight")), "teacher.d"),
                Arguments.of("wrong type of a list", spec(t -> t.put("estimators", "spectral")), "estimators"),
                Arguments.of("unknown field", spec(t -> first(t, "estimators").put("colour", "blue")),
                        "estimators[0].colour"),
                Arguments.of("unknown top-level field", spec(t -> t.put("sweeps", 3)), "sweeps"),
                Arguments.of("huge number", spec(t -> at(t, "sweep").put("seeds", "__HUGE__")), "sweep.seeds"),
                Arguments.of("huge integer", spec(t -> at(t, "test").put("n", "__BIGINT__")), "test.n"),
                Arguments.of("huge size", spec(t -> at(t, "sweep").put("n", List.of(100, 2_000_000_000))),
                        "sweep.n[1]"),
                Arguments.of("negative size", spec(t -> at(t, "sweep").put("n", List.of(-100))), "sweep.n[0]"),
                Arguments.of("negative test size", spec(t -> at(t, "test").put("n", -5)), "test.n"),
                Arguments.of("NaN", spec(t -> at(t, "teacher").put("noise", "__NAN__")), "teacher.noise"),
                Arguments.of("Infinity", spec(t -> first(t, "expect").put("value", "__INFINITY__")), "expect[0].value"),
                Arguments.of("over-long name", spec(t -> t.put("name", "x".repeat(201))), "name"),
                Arguments.of("over-long estimator name", spec(t -> first(t, "estimators").put("name", "e".repeat(65))),
                        "estimators[0].name"),
                Arguments.of("long string", spec(t -> at(t, "teacher").put("kind", "k".repeat(100_000))), "teacher.kind"),
                Arguments.of("deep nesting", spec(t -> t.put("extra", nested(200))), "extra"),
                Arguments.of("both tolerances", spec(t -> first(t, "expect").put("relativeTolerance", 0.1)),
                        "expect[0].relativeTolerance"),
                Arguments.of("value against baseline", spec(t -> first(t, "expect").put("against", "baseline")),
                        "expect[0].value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsAProblemDetailNamingTheFieldAndStoresNothing(String what, String body, String field)
            throws Exception {
        int before = rows();
        HttpResponse<String> r = api.send("POST", "/experiments", body);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertProblem(r, 400, field, null);
        assertThat(rows()).isEqualTo(before).isZero();
    }

    int rows() {
        return jdbc.sql("SELECT (SELECT count(*) FROM experiment) + (SELECT count(*) FROM run)")
                .query(Integer.class).single();
    }
}
