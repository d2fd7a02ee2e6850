package cascade.api;

import static cascade.api.ApiClient.assertValid;
import static cascade.api.ApiClient.tree;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import cascade.TestSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Baselines over HTTP: marking (200, 404, 409), reading, and results whose "against": "baseline"
 * verdicts compare with the marked experiment. Responses are validated against the OpenAPI file.
 */
@ApiIntegrationTest(properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms"})
@TestSchema(value = "it_baselines", truncate = {"experiment", "run", "baseline"})
class BaselinesApiIntegrationTests {

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

    /** The tiny test spec with two expectations against the baseline, tolerance zero. */
    static Map<String, Object> spec(String name, int seeds) {
        Map<String, Object> spec = new LinkedHashMap<>(TestSpecs.tinyTree(name, 3, seeds));
        spec.put("expect", List.of(
                Map.of("estimator", "spectral", "quantity", "exponent", "against", "baseline", "tolerance", 0),
                Map.of("estimator", "ridge", "quantity", "nmse", "n", 1600, "against", "baseline",
                        "relativeTolerance", 0)));
        return spec;
    }

    JsonNode verdicts(String id) throws Exception {
        HttpResponse<String> r = api.send("GET", "/experiments/" + id + "/results", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertValid("Result", r);
        return tree(r).get("verdicts");
    }

    @Test
    void markedBaselineIsWhatLaterExperimentsCompareWith() throws Exception {
        String first = api.submit(spec("nightly", 1));
        api.awaitStatus(first, "SUCCEEDED");
        JsonNode before = verdicts(first);
        assertThat(before).hasSize(2);
        before.forEach(v -> {
            assertThat(v.get("pass").asBoolean()).isFalse();
            assertThat(v.get("reason").asText()).contains("no baseline");
            assertThat(v.has("expected")).isFalse();
        });
        HttpResponse<String> none = api.send("GET", "/baselines/nightly", null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertValid("Problem", none);

        HttpResponse<String> marked = api.send("POST", "/experiments/" + first + "/baseline", null);
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertValid("Baseline", marked);
        assertThat(tree(marked).get("name").asText()).isEqualTo("nightly");
        HttpResponse<String> read = api.send("GET", "/baselines/nightly", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertValid("Baseline", read);
        assertThat(tree(read).get("experiment").asText()).isEqualTo(first);

        // Same spec and seeds give the same numbers (CONTRACT.md), so tolerance 0 passes.
        String second = api.submit(spec("nightly", 1));
        api.awaitStatus(second, "SUCCEEDED");
        JsonNode after = verdicts(second);
        after.forEach(v -> {
            assertThat(v.get("pass").asBoolean()).as(v.toString()).isTrue();
            assertThat(v.get("baseline").asText()).isEqualTo(first);
            assertThat(v.get("value").asDouble()).isEqualTo(v.get("expected").asDouble());
        });
        assertThat(tree(api.send("GET", "/experiments/" + second + "/results", null)).get("passed").asBoolean()).isTrue();

        // Another name has no baseline; a different seed count differs from the baseline.
        String other = api.submit(spec("weekly", 1));
        String moreSeeds = api.submit(spec("nightly", 2));
        api.awaitStatus(other, "SUCCEEDED");
        api.awaitStatus(moreSeeds, "SUCCEEDED");
        assertThat(verdicts(other).get(0).get("reason").asText()).contains("no baseline");
        assertThat(verdicts(moreSeeds).get(0).get("baseline").asText()).isEqualTo(first);

        // Marking replaces; deleting the baseline experiment removes the baseline.
        assertThat(api.send("POST", "/experiments/" + second + "/baseline", null).statusCode()).isEqualTo(200);
        assertThat(tree(api.send("GET", "/baselines/nightly", null)).get("experiment").asText()).isEqualTo(second);
        assertThat(api.send("DELETE", "/experiments/" + second, null).statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "/baselines/nightly", null).statusCode()).isEqualTo(404);
        assertThat(verdicts(moreSeeds).get(0).get("reason").asText()).contains("no baseline");
    }

    @Test
    void onlyASucceededExperimentCanBeABaseline() throws Exception {
        HttpResponse<String> unknown = api.send("POST", "/experiments/" + UUID.randomUUID() + "/baseline", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertValid("Problem", unknown);

        String id = api.submit(new LinkedHashMap<>(TestSpecs.tinyTree("cancelled", 8, 20)));
        assertThat(api.send("POST", "/experiments/" + id + "/cancel", null).statusCode()).isEqualTo(200);
        api.awaitStatus(id, "CANCELLED");
        HttpResponse<String> conflict = api.send("POST", "/experiments/" + id + "/baseline", null);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertValid("Problem", conflict);
        assertThat(tree(conflict).get("detail").asText()).contains("CANCELLED");
        assertThat(jdbc.sql("SELECT count(*) FROM baseline").query(Integer.class).single()).isZero();
    }

    @Test
    void expectationFieldsAreCatalogued() throws Exception {
        HttpResponse<String> r = api.send("GET", "/expectations", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertValid("Kind", r);
        assertThat(tree(r).get("parameters").findValuesAsText("name"))
                .contains("tolerance", "relativeTolerance", "against", "value");
    }
}
