package cascade.api;

import static cascade.api.ApiClient.assertValid;
import static cascade.api.ApiClient.assertValidArray;
import static cascade.api.ApiClient.json;
import static cascade.api.ApiClient.tree;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import cascade.TestSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The HTTP API end to end: the service on a random port with real workers and the real engine,
 * against real PostgreSQL. Every response body is validated against api-spec/openapi.yaml.
 */
@ApiIntegrationTest(properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms", "cascade.api.events-interval-ms=100"})
@TestSchema("it_api")
class ExperimentsApiIntegrationTests {

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyHandlerIsInTheContractAndTheReverse() {
        Set<String> code = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> Set.of("cascade.api", "cascade.dashboard").contains(e.getValue().getBeanType().getPackageName()))
                .flatMap(e -> e.getKey().getMethodsCondition().getMethods().stream()
                        .flatMap(m -> e.getKey().getPathPatternsCondition().getPatternValues().stream()
                                .map(p -> m.name() + " " + p)))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(code).isEqualTo(ApiClient.CONTRACT.operations());
    }

    @Test
    void submittedExperimentCompletesWithCurvesFitsAndTheory() throws Exception {
        String id = api.submit(TestSpecs.tinyTree("complete", 4, 2));
        api.awaitStatus(id, "SUCCEEDED");
        HttpResponse<String> result = api.send("GET", "/experiments/" + id + "/results", null);
        assertThat(result.statusCode()).isEqualTo(200);
        assertValid("Result", result);
        JsonNode doc = tree(result);
        assertThat(doc.get("curves")).hasSize(2 * 4);
        assertThat(doc.get("fits").findValuesAsText("estimator")).contains("spectral");
        assertThat(doc.get("theory").get("directions")).hasSize(3);
        assertThat(doc.get("spec").get("sweep").get("n")).hasSize(4);
        HttpResponse<String> csv = api.send("GET", "/experiments/" + id + "/results?format=csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("estimator,n,seeds,metric,mean,stderr,values");
        HttpResponse<String> runs = api.send("GET", "/experiments/" + id + "/runs", null);
        assertValidArray("Run", runs);
        assertThat(tree(runs)).hasSize(2 * 4 * 2);
    }

    /**
     * The Neural LoFi family through the service: finite width, kernel limit and deep NNGP run as
     * queued runs and come back with per-layer spectra and the chosen ridge in the result, valid
     * against the OpenAPI schema.
     */
    @Test
    void neuralLofiAndDeepNngpRunThroughTheService() throws Exception {
        var spec = new java.util.LinkedHashMap<String, Object>(TestSpecs.tinyTree("lofi", 2, 1));
        spec.put("estimators", java.util.List.of(
                java.util.Map.of("kind", "neural-lofi", "name", "lofi",
                        "layers", java.util.List.of(java.util.Map.of("width", 128, "directions", 4),
                                java.util.Map.of("width", 128))),
                java.util.Map.of("kind", "neural-lofi", "name", "lofi-kernel", "limit", "kernel",
                        "layers", java.util.List.of(java.util.Map.of("width", 128, "directions", 4),
                                java.util.Map.of("width", 128))),
                java.util.Map.of("kind", "deep-nngp", "name", "nngp", "depth", 2)));
        String id = api.submit(spec);
        api.awaitStatus(id, "SUCCEEDED");
        HttpResponse<String> result = api.send("GET", "/experiments/" + id + "/results", null);
        assertValid("Result", result);
        JsonNode curves = tree(result).get("curves");
        assertThat(curves.findValuesAsText("estimator")).contains("lofi", "lofi-kernel", "nngp");
        for (JsonNode c : curves) {
            assertThat(c.get("metrics").get("nmse").get("mean").asDouble()).as(c.toString()).isFinite();
            assertThat(c.get("info")).as(c.toString()).isNotNull();
        }
    }

    @Test
    void repeatedSubmissionWithTheSameKeyReturnsTheFirstExperiment() throws Exception {
        String first = api.submit(TestSpecs.tinyTree("idem", 2, 1), "Idempotency-Key", "abc-1");
        HttpResponse<String> again = api.send("POST", "/experiments", json(TestSpecs.tinyTree("idem", 2, 1)),
                "Idempotency-Key", "abc-1");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(tree(again).get("id").asText()).isEqualTo(first);
        assertThat(jdbc.sql("SELECT count(*) FROM experiment").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void badSpecsAreProblemDetailsNamingEveryField() throws Exception {
        Map<String, Object> spec = new LinkedHashMap<>(TestSpecs.tinyTree("bad", 2, 1));
        spec.put("colour", "blue");
        spec.put("test", Map.of("n", -5));
        HttpResponse<String> r = api.send("POST", "/experiments", json(spec));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertValid("Problem", r);
        assertThat(tree(r).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("colour", "test.n");

        HttpResponse<String> malformed = api.send("POST", "/experiments", "{\"teacher\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertValid("Problem", malformed);

        HttpResponse<String> missing = api.send("GET", "/experiments/" + UUID.randomUUID(), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertValid("Problem", missing);

        HttpResponse<String> notUuid = api.send("GET", "/experiments/not-a-uuid", null);
        assertThat(notUuid.statusCode()).isEqualTo(400);
        assertValid("Problem", notUuid);

        HttpResponse<String> badLimit = api.send("GET", "/experiments?limit=0", null);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(tree(badLimit).get("errors").findValuesAsText("field")).containsExactly("limit");
        assertThat(jdbc.sql("SELECT count(*) FROM experiment").query(Integer.class).single()).isZero();
    }

    @Test
    void listingPagesWithACursorAndFilters() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.submit(TestSpecs.tinyTree("page-" + i, 1, 1)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = api.send("GET", "/experiments?limit=2&tag=test"
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertValid("ExperimentPage", page);
            tree(page).get("items").forEach(item -> seen.add(item.get("id").asText()));
            JsonNode next = tree(page).get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(tree(api.send("GET", "/experiments?name=page-3", null)).get("items")).hasSize(1);
        assertThat(tree(api.send("GET", "/experiments?tag=nope", null)).get("items")).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void eventsStreamProgressUntilTheExperimentFinishes() throws Exception {
        String id = api.submit(TestSpecs.tinyTree("events", 3, 2));
        HttpRequest request = HttpRequest.newBuilder(api.uri("/experiments/" + id + "/events"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    String data = line.substring(5).trim();
                    events.add(tree(data));
                    assertThat(ApiClient.CONTRACT.validate("Experiment", data)).isEmpty();
                }
            }
        }
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(events.get(events.size() - 1).get("progress").get("fraction").asDouble()).isEqualTo(1.0);
    }

    @Test
    void cancelRetryAndDelete() throws Exception {
        Map<String, Object> big = new LinkedHashMap<>(TestSpecs.tinyTree("cancel", 8, 20));
        String id = api.submit(big);
        HttpResponse<String> cancelled = api.send("POST", "/experiments/" + id + "/cancel", null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertValid("Experiment", cancelled);
        api.awaitStatus(id, "CANCELLED");
        HttpResponse<String> retried = api.send("POST", "/experiments/" + id + "/retry", null);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(tree(retried).get("status").asText()).isIn("QUEUED", "RUNNING");
        api.send("POST", "/experiments/" + id + "/cancel", null);
        api.awaitStatus(id, "CANCELLED");
        HttpResponse<String> deleted = api.send("DELETE", "/experiments/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "/experiments/" + id, null).statusCode()).isEqualTo(404);

        String done = api.submit(TestSpecs.tinyTree("nothing-to-retry", 1, 1));
        api.awaitStatus(done, "SUCCEEDED");
        HttpResponse<String> conflict = api.send("POST", "/experiments/" + done + "/retry", null);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertValid("Problem", conflict);
    }

    @Test
    void catalogsDescribeEveryKindWithDefaults() throws Exception {
        HttpResponse<String> estimators = api.send("GET", "/estimators", null);
        assertValidArray("Kind", estimators);
        assertThat(tree(estimators).findValuesAsText("kind")).contains("hierarchical-spectral", "kernel-ridge",
                "random-features", "ridge", "shallow-spectral");
        HttpResponse<String> teachers = api.send("GET", "/teachers", null);
        assertValidArray("Kind", teachers);
    }

    @Test
    void healthAndPrometheusMetrics() throws Exception {
        api.awaitStatus(api.submit(TestSpecs.tinyTree("metrics", 1, 1)), "SUCCEEDED");
        assertThat(api.send("GET", "/actuator/health", null).body()).contains("\"UP\"");
        HttpResponse<String> prometheus = api.send("GET", "/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("cascade_queue_depth", "cascade_runs", "cascade_run_duration_seconds");
    }
}
