package cascade.api;

import static cascade.api.ApiClient.assertProblem;
import static cascade.api.ApiClient.assertValid;
import static cascade.api.ApiClient.assertValidArray;
import static cascade.api.ApiClient.tree;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import cascade.TestSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Access control end to end: the service on a random port with cascade.access.enabled=true and a
 * bootstrap admin token, against real PostgreSQL. Workers are off, so submitted runs stay QUEUED
 * and count against quotas. Every problem detail and token body is validated against the OpenAPI
 * file.
 */
@ApiIntegrationTest(properties = {"cascade.jobs.enabled=false", "cascade.access.enabled=true",
                "cascade.access.bootstrap-token=" + AccessApiIntegrationTests.BOOTSTRAP})
@TestSchema(value = "it_access", truncate = {"experiment", "run", "api_token"})
class AccessApiIntegrationTests {

    static final String BOOTSTRAP = "bootstrap-admin-token-for-tests-0123456789";

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

    /** A request as the holder of {@code token} (none when null); {@code headers} are name, value pairs. */
    HttpResponse<String> send(String method, String path, Object body, String token, String... headers) {
        return api.as(token).send(method, path, body, headers);
    }

    /** Issues a token through the API as the bootstrap admin and returns its secret. */
    String token(String name, String role, Map<String, Object> limits) throws Exception {
        Map<String, Object> request = new HashMap<>(Map.of("name", name, "role", role));
        if (limits != null) {
            request.put("limits", limits);
        }
        HttpResponse<String> r = send("POST", "/tokens", request, BOOTSTRAP);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertValid("CreatedToken", r);
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
        assertThat(api.send("GET", "/experiments", null, "Cookie", AccessFilter.COOKIE + "=" + reader).statusCode())
                .isEqualTo(200);
        assertProblem(api.send("GET", "/experiments", null, "Cookie", AccessFilter.COOKIE + "=cas_wrong"), 401);
    }

    @Test
    void tokensAreShownOnceAndStoredOnlyAsSha256() throws Exception {
        HttpResponse<String> created = send("POST", "/tokens",
                Map.of("name", "ci", "owner", "team-a", "role", "submitter", "limits", Map.of("maxN", 5000)), BOOTSTRAP);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertValid("CreatedToken", created);
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
        assertValidArray("Token", listed);
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
                "Idempotency-Key", "second-key"); // 8
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
                "Idempotency-Key", "second-key");
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
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
        java.util.concurrent.ExecutorService burst = java.util.concurrent.Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            Map<String, Object> spec = TestSpecs.tinyTree("burst-" + i, 2, 1);
            answers.add(burst.submit(() -> send("POST", "/experiments", spec, limited)));
        }
        burst.shutdown();
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
