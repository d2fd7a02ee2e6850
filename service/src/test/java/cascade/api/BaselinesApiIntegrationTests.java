package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cascade.TestDatabase;
import cascade.TestSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Baselines over HTTP: marking (200, 404, 409), reading, and results whose "against": "baseline"
 * verdicts compare with the marked experiment. Responses are validated against the OpenAPI file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms"})
class BaselinesApiIntegrationTests {

    static final OpenApiContract CONTRACT = OpenApiContract.load();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "it_baselines");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clean() {
        TestDatabase.truncate(jdbc, "experiment, run, baseline");
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode tree(HttpResponse<String> r) throws Exception {
        return OpenApiContract.JSON.readTree(r.body());
    }

    static void assertValid(String schema, HttpResponse<String> r) {
        assertThat(CONTRACT.validate(schema, r.body())).as(schema + ": " + r.body()).isEmpty();
    }

    /** The tiny test spec with two expectations against the baseline, tolerance zero. */
    static Map<String, Object> spec(String name, int seeds) {
        Map<String, Object> spec = new LinkedHashMap<>(TestSpecs.tinyTree(name, 3, seeds));
        spec.put("expect", List.of(
                Map.of("estimator", "spectral", "quantity", "exponent", "against", "baseline", "tolerance", 0),
                Map.of("estimator", "ridge", "quantity", "nmse", "n", 1600, "against", "baseline",
                        "relativeTolerance", 0)));
        return spec;
    }

    String submit(Map<String, Object> spec) throws Exception {
        HttpResponse<String> r = send("POST", "/experiments", OpenApiContract.JSON.writeValueAsString(spec));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return tree(r).get("id").asText();
    }

    void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> tree(send("GET", "/experiments/" + id, null)).get("status").asText().equals(status));
    }

    JsonNode verdicts(String id) throws Exception {
        HttpResponse<String> r = send("GET", "/experiments/" + id + "/results", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertValid("Result", r);
        return tree(r).get("verdicts");
    }

    @Test
    void markedBaselineIsWhatLaterExperimentsCompareWith() throws Exception {
        String first = submit(spec("nightly", 1));
        awaitStatus(first, "SUCCEEDED");
        JsonNode before = verdicts(first);
        assertThat(before).hasSize(2);
        before.forEach(v -> {
            assertThat(v.get("pass").asBoolean()).isFalse();
            assertThat(v.get("reason").asText()).contains("no baseline");
            assertThat(v.has("expected")).isFalse();
        });
        HttpResponse<String> none = send("GET", "/baselines/nightly", null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertValid("Problem", none);

        HttpResponse<String> marked = send("POST", "/experiments/" + first + "/baseline", null);
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertValid("Baseline", marked);
        assertThat(tree(marked).get("name").asText()).isEqualTo("nightly");
        HttpResponse<String> read = send("GET", "/baselines/nightly", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertValid("Baseline", read);
        assertThat(tree(read).get("experiment").asText()).isEqualTo(first);

        // Same spec and seeds give the same numbers (CONTRACT.md), so tolerance 0 passes.
        String second = submit(spec("nightly", 1));
        awaitStatus(second, "SUCCEEDED");
        JsonNode after = verdicts(second);
        after.forEach(v -> {
            assertThat(v.get("pass").asBoolean()).as(v.toString()).isTrue();
            assertThat(v.get("baseline").asText()).isEqualTo(first);
            assertThat(v.get("value").asDouble()).isEqualTo(v.get("expected").asDouble());
        });
        assertThat(tree(send("GET", "/experiments/" + second + "/results", null)).get("passed").asBoolean()).isTrue();

        // Another name has no baseline; a different seed count differs from the baseline.
        String other = submit(spec("weekly", 1));
        String moreSeeds = submit(spec("nightly", 2));
        awaitStatus(other, "SUCCEEDED");
        awaitStatus(moreSeeds, "SUCCEEDED");
        assertThat(verdicts(other).get(0).get("reason").asText()).contains("no baseline");
        assertThat(verdicts(moreSeeds).get(0).get("baseline").asText()).isEqualTo(first);

        // Marking replaces; deleting the baseline experiment removes the baseline.
        assertThat(send("POST", "/experiments/" + second + "/baseline", null).statusCode()).isEqualTo(200);
        assertThat(tree(send("GET", "/baselines/nightly", null)).get("experiment").asText()).isEqualTo(second);
        assertThat(send("DELETE", "/experiments/" + second, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/baselines/nightly", null).statusCode()).isEqualTo(404);
        assertThat(verdicts(moreSeeds).get(0).get("reason").asText()).contains("no baseline");
    }

    @Test
    void onlyASucceededExperimentCanBeABaseline() throws Exception {
        HttpResponse<String> unknown = send("POST", "/experiments/" + UUID.randomUUID() + "/baseline", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertValid("Problem", unknown);

        String id = submit(new LinkedHashMap<>(TestSpecs.tinyTree("cancelled", 8, 20)));
        assertThat(send("POST", "/experiments/" + id + "/cancel", null).statusCode()).isEqualTo(200);
        awaitStatus(id, "CANCELLED");
        HttpResponse<String> conflict = send("POST", "/experiments/" + id + "/baseline", null);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertValid("Problem", conflict);
        assertThat(tree(conflict).get("detail").asText()).contains("CANCELLED");
        assertThat(jdbc.sql("SELECT count(*) FROM baseline").query(Integer.class).single()).isZero();
    }

    @Test
    void expectationFieldsAreCatalogued() throws Exception {
        HttpResponse<String> r = send("GET", "/expectations", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertValid("Kind", r);
        assertThat(tree(r).get("parameters").findValuesAsText("name"))
                .contains("tolerance", "relativeTolerance", "against", "value");
    }
}
