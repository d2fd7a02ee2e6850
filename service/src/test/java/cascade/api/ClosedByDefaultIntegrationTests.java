package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import cascade.TestSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Security regressions found live against a service started the documented way (issue 18), with
 * access control off as by default. Each was a failing test before its fix: an anonymous
 * {@code POST /tokens} minted a real admin token (201); a spec listing more estimators than any
 * experiment needs was accepted and its run count could wrap an int; a body of any size was read;
 * a dataset teacher skipped the memory estimate (202, then OutOfMemoryError in the workers).
 * Workers are off: acceptance is what is tested, and nothing may be stored on a refusal.
 */
@ApiIntegrationTest(properties = {"cascade.jobs.enabled=false", "cascade.experiments.memory-budget=1GB"})
@TestSchema(value = "it_closed", truncate = {"experiment", "run", "api_token", "dataset"})
class ClosedByDefaultIntegrationTests {

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

    HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return api.send(b.build());
    }

    HttpResponse<String> postJson(String path, Object body) throws Exception {
        return send("POST", path, "application/json", OpenApiContract.JSON.writeValueAsBytes(body));
    }

    static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(ApiClient.CONTRACT.validate("Problem", r.body())).as(r.body()).isEmpty();
        return OpenApiContract.JSON.readTree(r.body());
    }

    int rows(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    @Test
    void anAnonymousCallerCannotMintATokenWhileAccessControlIsOff() throws Exception {
        // Live: 201 with an admin secret whose row kept working after access control was turned on.
        JsonNode p = problem(postJson("/tokens", Map.of("name", "mallory", "role", "admin")), 403);
        assertThat(p.get("type").asText()).endsWith("/access-disabled");
        problem(send("GET", "/tokens", null, null), 403);
        problem(send("DELETE", "/tokens/00000000-0000-0000-0000-000000000000", null, null), 403);
        problem(send("GET", "/%74okens", null, null), 403); // encoded: the decoded path decides
        assertThat(rows("api_token")).isZero();
    }

    @Test
    void estimatorsAreCappedSoTheRunCountCannotWrap() throws Exception {
        Map<String, Object> spec = new HashMap<>(TestSpecs.tinyTree("many", 2, 1));
        spec.put("estimators", Collections.nCopies(33, Map.of("kind", "ridge")));
        JsonNode p = problem(postJson("/experiments", spec), 400);
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("estimators");
        assertThat(p.get("errors").get(0).get("message").asText()).contains("at most 32");
        assertThat(rows("experiment")).isZero();
        assertThat(rows("run")).isZero();
    }

    @Test
    void theLiveOverflowBodiesAreRefusedBeforeParsing() throws Exception {
        // Live: 215 828 estimators x 199 n x 100 seeds wrapped to 9 904 runs, passed the 10 000-run
        // limit and then tried to build 4.3 billion run keys; 150 000 wrapped negative (500). Both
        // bodies are 4-6 MB: above the 1 MB body limit.
        for (int estimators : new int[] {215_828, 150_000}) {
            StringBuilder body = new StringBuilder("{\"name\":\"overflow\",\"teacher\":{\"kind\":\"hierarchical\","
                    + "\"input\":\"gaussian-equivalent\",\"d\":10,\"p\":2},\"estimators\":[");
            for (int i = 0; i < estimators; i++) {
                body.append(i == 0 ? "" : ",").append("{\"kind\":\"ridge\"}");
            }
            body.append("],\"sweep\":{\"n\":{\"from\":2,\"to\":100000,\"points\":199},\"seeds\":100}}");
            JsonNode p = problem(send("POST", "/experiments", "application/json",
                    body.toString().getBytes(StandardCharsets.UTF_8)), 413);
            assertThat(p.get("type").asText()).endsWith("/too-large");
        }
        assertThat(rows("experiment")).isZero();
    }

    @Test
    void aChunkedBodyIsCutAtTheLimitToo() throws Exception {
        // No Content-Length: the limit is counted while the body is read.
        byte[] padded = ("{\"name\": \"pad\"" + " ".repeat(1_100_000) + "}").getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(api.uri("/experiments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(padded))).build();
        JsonNode p = problem(api.send(chunked), 413);
        assertThat(p.get("detail").asText()).contains("1048576");
    }

    @Test
    void manyBadItemsGiveABoundedAnswer() throws Exception {
        // 32 bad tags is the cap; unknown fields are unbounded in number but each costs its bytes.
        Map<String, Object> spec = new HashMap<>(TestSpecs.tinyTree("bad", 2, 1));
        Map<String, Object> teacher = new HashMap<>(castMap(spec.get("teacher")));
        for (int i = 0; i < 5000; i++) {
            teacher.put("x" + i, i);
        }
        spec.put("teacher", teacher);
        HttpResponse<String> r = postJson("/experiments", spec);
        JsonNode p = problem(r, 400);
        assertThat(p.get("errors")).hasSize(100);
        assertThat(p.get("errorsOmitted").asInt()).isEqualTo(4900);
        assertThat(p.get("detail").asText()).startsWith("5000 field(s) are invalid").contains("and 4990 more");
        assertThat(r.body().length()).isLessThan(20_000);
    }

    @Test
    void aDatasetTeacherGoesThroughTheMemoryEstimate() throws Exception {
        // Live: 52 000 rows, one column, kernel ridge on 40 000 rows with leave-one-out: accepted
        // (202), then OutOfMemoryError three times. A synthetic teacher was refused (422).
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 52_000; i++) {
            csv.append(i % 97).append(',').append(i % 2).append('\n');
        }
        HttpResponse<String> upload = send("POST", "/datasets?name=tall", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String id = OpenApiContract.JSON.readTree(upload.body()).get("id").asText();
        Map<String, Object> spec = Map.of("name", "tall",
                "teacher", Map.of("kind", "dataset", "id", id),
                "estimators", List.of(Map.of("kind", "kernel-ridge", "maxTrain", 40_000, "ridge", "loo")),
                "sweep", Map.of("n", List.of(1000, 40_000), "seeds", 1));
        JsonNode p = problem(postJson("/experiments", spec), 422);
        assertThat(p.get("type").asText()).endsWith("/memory-budget");
        // 6 u^2 doubles for u = 40 000 (the leave-one-out kernel solve) alone is 71.5 GiB.
        assertThat(p.get("memory").get("estimateBytes").asLong()).isGreaterThan(6L * 40_000 * 40_000 * 8);
        assertThat(p.get("memory").get("fits").get(0).get("largestN").asInt()).isBetween(1000, 39_999);
        assertThat(rows("experiment")).isZero();
        // The same dataset with a run that fits is accepted.
        Map<String, Object> small = Map.of("name", "tall-ok",
                "teacher", Map.of("kind", "dataset", "id", id),
                "estimators", List.of(Map.of("kind", "kernel-ridge", "maxTrain", 2000, "ridge", "loo")),
                "sweep", Map.of("n", List.of(1000, 2000), "seeds", 1));
        assertThat(postJson("/experiments", small).statusCode()).isEqualTo(202);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
