package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import cascade.TestSpecs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Access control hardening (issue 18). The dashboard's cookie authenticates writes only from the
 * dashboard's own origin (verified live: a cookie-authenticated POST from a foreign Origin was
 * accepted; SameSite=Strict does not separate other ports or sibling hosts of the same site).
 * Bearer tokens are not affected: a page on another origin cannot attach an Authorization header
 * without a CORS preflight, which this service never grants. A typo in a token request is a 400,
 * not an unlimited token; the bootstrap token can be revoked.
 */
@ApiIntegrationTest(properties = {"cascade.jobs.enabled=false", "cascade.access.enabled=true",
                "cascade.access.bootstrap-token=" + AccessHardeningIntegrationTests.ADMIN})
@TestSchema(value = "it_access_hardening", truncate = {"experiment", "run", "api_token"})
class AccessHardeningIntegrationTests {

    static final String ADMIN = "bootstrap-admin-token-for-origin-tests-0123456789";

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

    int submitWithCookie(Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri("/experiments"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Cookie", AccessFilter.COOKIE + "=" + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(
                        OpenApiContract.JSON.writeValueAsString(TestSpecs.tinyTree("cookie", 2, 1))));
        headers.forEach(b::header);
        HttpResponse<String> r = api.send(b.build());
        if (r.statusCode() == 403) {
            assertThat(r.body()).contains("/cross-origin");
        }
        return r.statusCode();
    }

    int experiments() {
        return jdbc.sql("SELECT count(*) FROM experiment").query(Integer.class).single();
    }

    @Test
    void aCookieWriteFromAForeignOriginIsRefused() throws Exception {
        // Live: 202. Another port of the same host is another origin but the same site.
        assertThat(submitWithCookie(Map.of("Origin", "http://localhost:1"))).isEqualTo(403);
        assertThat(submitWithCookie(Map.of("Origin", "http://evil.example"))).isEqualTo(403);
        assertThat(submitWithCookie(Map.of("Sec-Fetch-Site", "same-site"))).isEqualTo(403);
        assertThat(submitWithCookie(Map.of("Sec-Fetch-Site", "cross-site", "Origin", api.uri("").toString())))
                .isEqualTo(403);
        assertThat(submitWithCookie(Map.of())).as("no Origin, no Sec-Fetch-Site").isEqualTo(403);
        assertThat(experiments()).isZero();
    }

    @Test
    void theDashboardsOwnWritesStillWork() throws Exception {
        assertThat(submitWithCookie(Map.of("Origin", api.uri("").toString(), "Sec-Fetch-Site", "same-origin")))
                .isEqualTo(202);
        assertThat(submitWithCookie(Map.of("Sec-Fetch-Site", "same-origin"))).isEqualTo(202);
        assertThat(experiments()).isEqualTo(2);
    }

    @Test
    void bearerTokensAreNotAffectedByOrigin() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(api.uri("/experiments"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN)
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(
                        OpenApiContract.JSON.writeValueAsString(TestSpecs.tinyTree("bearer", 2, 1)))).build();
        assertThat(api.send(r).statusCode()).isEqualTo(202);
    }

    HttpResponse<String> asAdmin(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path))
                .header("Authorization", "Bearer " + ADMIN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return api.send(b.build());
    }

    @Test
    void aTypoInATokenRequestIsAFieldErrorNotAnUnlimitedToken() throws Exception {
        HttpResponse<String> typo = asAdmin("POST", "/tokens",
                "{\"name\": \"ci\", \"role\": \"submitter\", \"limits\": {\"maxWidht\": 64}}");
        assertThat(typo.statusCode()).as(typo.body()).isEqualTo(400);
        assertThat(OpenApiContract.JSON.readTree(typo.body()).get("errors").get(0).get("field").asText())
                .isEqualTo("limits.maxWidht");
        HttpResponse<String> top = asAdmin("POST", "/tokens", "{\"name\": \"ci\", \"role\": \"reader\", \"rol\": 1}");
        assertThat(top.statusCode()).isEqualTo(400);
        assertThat(top.body()).contains("\"field\":\"rol\"");
        assertThat(jdbc.sql("SELECT count(*) FROM api_token").query(Integer.class).single()).isZero();
    }

    @Test
    void theBootstrapTokenCanBeRevokedForGood() throws Exception {
        assertThat(asAdmin("GET", "/tokens", null).statusCode()).isEqualTo(200);
        assertThat(asAdmin("DELETE", "/tokens/bootstrap", null).statusCode()).isEqualTo(204);
        assertThat(asAdmin("GET", "/tokens", null).statusCode()).as("refused while still configured").isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'bootstrap' AND revoked_at IS NOT NULL")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void cookieReadsNeedNoOrigin() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(api.uri("/experiments"))
                .header("Cookie", AccessFilter.COOKIE + "=" + ADMIN).header("Origin", "http://evil.example").GET().build();
        assertThat(api.send(r).statusCode()).isEqualTo(200);
    }
}
