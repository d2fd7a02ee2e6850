package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestDatabase;
import cascade.TestSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Access control end to end: the service on a random port with cascade.access.enabled=true and a
 * bootstrap admin token, against real PostgreSQL. Workers are off, so submitted runs stay QUEUED
 * and count against quotas. Every problem detail and token body is validated against the OpenAPI
 * file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cascade.jobs.enabled=false", "cascade.access.enabled=true",
                "cascade.access.bootstrap-token=" + AccessApiIntegrationTests.BOOTSTRAP})
class AccessApiIntegrationTests {

    static final String BOOTSTRAP = "bootstrap-admin-token-for-tests-0123456789";
    static final OpenApiContract CONTRACT = OpenApiContract.load();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "it_access");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clean() {
        TestDatabase.truncate(jdbc, "experiment, run, api_token");
    }

    HttpResponse<String> send(String method, String path, Object body, String token) throws Exception {
        return send(method, path, body, token, null);
    }

    HttpResponse<String> send(String method, String path, Object body, String token, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(OpenApiContract.JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode tree(HttpResponse<String> r) throws Exception {
        return OpenApiContract.JSON.readTree(r.body());
    }

    static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(CONTRACT.validate("Problem", r.body())).as(r.body()).isEmpty();
    }

    /** Issues a token through the API as the bootstrap admin and returns its secret. */
    String token(String name, String role, Map<String, Object> limits) throws Exception {
        Map<String, Object> request = new HashMap<>(Map.of("name", name, "role", role));
        if (limits != null) {
            request.put("limits", limits);
        }
        HttpResponse<String> r = send("POST", "/tokens", request, BOOTSTRAP);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(CONTRACT.validate("CreatedToken", r.body())).as(r.body()).isEmpty();
        return tree(r).get("token").asText();
    }

    String submit(String token, String name) throws Exception {
        HttpResponse<String> r = send("POST", "/experiments", TestSpecs.tinyTree(name, 2, 1), token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return tree(r).get("id").asText();
    }

    @Test
    void healthIsOpenAndEverythingElseNeedsAToken() throws Exception {
        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        for (String path : List.of("/experiments", "/estimators", "/tokens", "/actuator/prometheus")) {
            HttpResponse<String> r = send("GET", path, null, null);
            assertProblem(r, 401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"cascade\"");
        }
        HttpResponse<String> bad = send("GET", "/experiments", null, "cas_not-a-real-token");
        assertProblem(bad, 401);
        assertThat(bad.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("error=\"invalid_token\""));
        assertProblem(send("POST", "/experiments", TestSpecs.tinyTree("anon", 2, 1), null), 401);
        assertThat(jdbc.sql("SELECT count(*) FROM experiment").query(Long.class).single()).isZero();
    }

    /**
     * The dashboard's files are open (they hold no data); its API calls, images and event streams
     * carry the token in the SameSite=Strict cookie the page sets, since img and EventSource cannot
     * send an Authorization header.
     */
    @Test
    void dashboardFilesAreOpenAndTheTokenCookieAuthenticates() throws Exception {
        assertThat(send("GET", "/", null, null).statusCode()).isEqualTo(200);
        String reader = token("dashboard-reader", "reader", null);
        HttpRequest withCookie = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/experiments"))
                .header("Cookie", AccessFilter.COOKIE + "=" + reader).GET().build();
        assertThat(HTTP.send(withCookie, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpRequest badCookie = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/experiments"))
                .header("Cookie", AccessFilter.COOKIE + "=cas_wrong").GET().build();
        assertProblem(HTTP.send(badCookie, HttpResponse.BodyHandlers.ofString()), 401);
    }

    @Test
    void tokensAreShownOnceAndStoredOnlyAsSha256() throws Exception {
        HttpResponse<String> created = send("POST", "/tokens",
                Map.of("name", "ci", "owner", "team-a", "role", "submitter", "limits", Map.of("maxN", 5000)), BOOTSTRAP);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(CONTRACT.validate("CreatedToken", created.body())).isEmpty();
        JsonNode body = tree(created);
        String secret = body.get("token").asText();
        assertThat(secret).matches("cas_[A-Za-z0-9_-]{43}");
        assertThat(created.headers().firstValue("Location")).hasValue("/tokens/" + body.get("id").asText());
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(body.get("owner").asText()).isEqualTo("team-a");

        byte[] stored = jdbc.sql("SELECT token_hash FROM api_token").query(byte[].class).single();
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        String row = jdbc.sql("SELECT row_to_json(t)::text FROM api_token t").query(String.class).single();
        assertThat(row).doesNotContain(secret.substring(4));

        HttpResponse<String> listed = send("GET", "/tokens", null, BOOTSTRAP);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(CONTRACT.validateArray("Token", listed.body())).as(listed.body()).isEmpty();
        assertThat(listed.body()).doesNotContain(secret).contains("\"maxN\":5000");
        // The new token works straight away and acts as its owner.
        HttpResponse<String> submitted = send("POST", "/experiments", TestSpecs.tinyTree("mine", 2, 1), secret);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        assertThat(tree(submitted).get("owner").asText()).isEqualTo("team-a");
    }

    @Test
    void rolesAllowWhatTheySayAndNothingMore() throws Exception {
        String reader = token("dash", "reader", null);
        String submitter = token("alice", "submitter", null);
        assertThat(send("GET", "/experiments", null, reader).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/estimators", null, reader).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", null, reader).statusCode()).isEqualTo(200);

        HttpResponse<String> readerSubmits = send("POST", "/experiments", TestSpecs.tinyTree("no", 2, 1), reader);
        assertProblem(readerSubmits, 403);
        assertThat(tree(readerSubmits).get("requiredRole").asText()).isEqualTo("submitter");
        assertProblem(send("POST", "/tokens", Map.of("name", "x", "role", "admin"), reader), 403);
        assertProblem(send("GET", "/tokens", null, submitter), 403);
        // Spellings that the handler mappings route to /tokens are judged as /tokens.
        assertProblem(send("GET", "/tokens;x=1", null, reader), 403);
        assertProblem(send("GET", "/%74okens", null, reader), 403);
        assertProblem(send("GET", "/experiments/../tokens", null, reader), 403);
        assertProblem(send("GET", "/actuator/health/../../tokens", null, null), 401);
        assertProblem(send("GET", "/actuator/health;x=1", null, null), 401);
        assertProblem(send("POST", "/tokens", Map.of("name", "x", "role", "admin"), submitter), 403);

        String id = submit(submitter, "alices");
        assertThat(tree(send("GET", "/experiments/" + id, null, reader)).get("owner").asText()).isEqualTo("alice");
        assertProblem(send("POST", "/experiments/" + id + "/cancel", null, reader), 403);
        assertProblem(send("DELETE", "/experiments/" + id, null, reader), 403);
    }

    @Test
    void submittersChangeOnlyTheirOwnExperimentsAndAdminsAny() throws Exception {
        String alice = token("alice", "submitter", null);
        String bob = token("bob", "submitter", null);
        String admin = token("ops", "admin", null);
        String alices = submit(alice, "alices");
        String bobs = submit(bob, "bobs");

        for (String op : List.of("POST /cancel", "POST /retry", "DELETE ")) {
            String[] parts = op.split(" ", -1);
            HttpResponse<String> r = send(parts[0], "/experiments/" + alices + parts[1].strip(), null, bob);
            assertProblem(r, 403);
            assertThat(tree(r).get("detail").asText()).contains("another owner");
        }
        assertThat(send("POST", "/experiments/" + alices + "/cancel", null, alice).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/experiments/" + alices + "/retry", null, alice).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/experiments/" + alices, null, alice).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/experiments/" + bobs + "/cancel", null, admin).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/experiments/" + bobs, null, BOOTSTRAP).statusCode()).isEqualTo(204);
        // A missing experiment is a 404 for everyone, not a 403 that would hint at ownership.
        assertProblem(send("DELETE", "/experiments/" + alices, null, bob), 404);
    }

    @Test
    void aRevokedTokenIsRefusedFromItsNextRequest() throws Exception {
        String secret = token("temp", "reader", null);
        String id = tree(send("GET", "/tokens", null, BOOTSTRAP)).get(0).get("id").asText();
        assertThat(send("GET", "/experiments", null, secret).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/tokens/" + id, null, BOOTSTRAP).statusCode()).isEqualTo(204);
        assertProblem(send("GET", "/experiments", null, secret), 401);
        JsonNode listed = tree(send("GET", "/tokens", null, BOOTSTRAP)).get(0);
        assertThat(listed.get("revokedAt").isNull()).isFalse();
        assertProblem(send("DELETE", "/tokens/00000000-0000-0000-0000-000000000000", null, BOOTSTRAP), 404);
    }

    @Test
    void resourceLimitsAreCheckedAtSubmissionNamingEveryField() throws Exception {
        String limited = token("small", "submitter", Map.of("maxN", 1000, "maxWidth", 512, "maxTestN", 400));
        Map<String, Object> spec = new HashMap<>(TestSpecs.tinyTree("big", 4, 1));
        List<Object> estimators = new ArrayList<>((List<?>) spec.get("estimators"));
        estimators.add(Map.of("kind", "random-features", "width", 2048));
        spec.put("estimators", estimators);
        HttpResponse<String> r = send("POST", "/experiments", spec, limited);
        assertProblem(r, 403);
        assertThat(tree(r).get("type").asText()).endsWith("/limit-exceeded");
        List<String> fields = new ArrayList<>();
        tree(r).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        // n = 200, 400, 800, 1600: only the last is over 1000.
        assertThat(fields).containsExactly("sweep.n[3]", "estimators[2].width", "test.n");
        assertThat(tree(r).get("detail").asText()).contains("maxN 1000").contains("maxWidth 512").contains("maxTestN 400");
        assertThat(jdbc.sql("SELECT count(*) FROM experiment").query(Long.class).single()).isZero();
    }

    @Test
    void queuedRunQuotaSaysTheLimitAndTheCurrentCount() throws Exception {
        String limited = token("quota", "submitter", Map.of("maxQueuedRuns", 10));
        submit(limited, "first");   // 2 estimators x 2 n x 1 seed = 4 runs
        HttpResponse<String> second = send("POST", "/experiments", TestSpecs.tinyTree("second", 2, 1), limited,
                "second-key"); // 8
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        HttpResponse<String> r = send("POST", "/experiments", TestSpecs.tinyTree("third", 2, 1), limited);
        assertProblem(r, 429);
        JsonNode p = tree(r);
        assertThat(p.get("limit").asInt()).isEqualTo(10);
        assertThat(p.get("current").asInt()).isEqualTo(8);
        assertThat(p.get("requested").asInt()).isEqualTo(4);
        assertThat(p.get("detail").asText()).contains("at most 10").contains("has 8");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        // Replaying an accepted submission's Idempotency-Key returns it even at the quota.
        HttpResponse<String> replay = send("POST", "/experiments", TestSpecs.tinyTree("second", 2, 1), limited,
                "second-key");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(tree(replay).get("id").asText()).isEqualTo(tree(second).get("id").asText());
        // Another owner is not affected, and finishing (here: cancelling) runs frees the quota.
        submit(token("other", "submitter", Map.of("maxQueuedRuns", 10)), "other");
        String first = tree(send("GET", "/experiments?name=first", null, limited)).get("items").get(0).get("id").asText();
        assertThat(send("POST", "/experiments/" + first + "/cancel", null, limited).statusCode()).isEqualTo(200);
        submit(limited, "third");
    }

    @Test
    void concurrentSubmissionsOfOneOwnerCannotOvershootTheQuota() throws Exception {
        String limited = token("burst", "submitter", Map.of("maxQueuedRuns", 8));
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/experiments"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + limited)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            OpenApiContract.JSON.writeValueAsString(TestSpecs.tinyTree("burst-" + i, 2, 1))))
                    .build();
            answers.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> codes = new HashMap<>();
        for (var answer : answers) {
            codes.merge(answer.get().statusCode(), 1, Integer::sum);
        }
        // 4 runs each against a quota of 8: exactly two fit, however the six interleave.
        assertThat(codes).isEqualTo(Map.of(202, 2, 429, 4));
        assertThat(jdbc.sql("""
                SELECT count(*) FROM run r JOIN experiment e ON e.id = r.experiment_id
                WHERE e.owner = 'burst' AND r.status = 'QUEUED'""").query(Long.class).single()).isEqualTo(8);
    }

    @Test
    void badTokenRequestsNameTheField() throws Exception {
        HttpResponse<String> role = send("POST", "/tokens", Map.of("name", "x", "role", "root"), BOOTSTRAP);
        assertProblem(role, 400);
        assertThat(tree(role).get("errors").get(0).get("field").asText()).isEqualTo("role");
        HttpResponse<String> limit = send("POST", "/tokens",
                Map.of("name", "x", "role", "reader", "limits", Map.of("maxN", 0)), BOOTSTRAP);
        assertProblem(limit, 400);
        assertThat(tree(limit).get("errors").get(0).get("field").asText()).isEqualTo("limits");
        HttpResponse<String> name = send("POST", "/tokens", Map.of("name", " ", "role", "reader"), BOOTSTRAP);
        assertProblem(name, 400);
        assertThat(tree(name).get("errors").get(0).get("field").asText()).isEqualTo("name");
    }
}
