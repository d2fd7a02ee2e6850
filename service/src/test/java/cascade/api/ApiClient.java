package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The one HTTP client of the integration tests: requests to the service under test (its random
 * port), response bodies checked against api-spec/openapi.yaml, and the usual steps (submit,
 * await a status). Tests annotated {@link ApiIntegrationTest} get it with {@code @Autowired}.
 */
public final class ApiClient {

    static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Environment environment;
    private final @Nullable String token;

    ApiClient(Environment environment, @Nullable String token) {
        this.environment = environment;
        this.token = token;
    }

    /** The same client sending {@code Authorization: Bearer <token>} (none when null). */
    public ApiClient as(@Nullable String token) {
        return new ApiClient(environment, token);
    }

    /** The service's URI of {@code path}. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
    }

    /**
     * Sends a request; a String body is sent as it is, any other body as JSON, both with
     * Content-Type application/json. {@code headers} are name, value pairs.
     */
    public HttpResponse<String> send(String method, String path, @Nullable Object body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** Sends a request built by the test (uploads, streams), as text. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET {@code path}, required to answer 200; the body as a tree. */
    public JsonNode get(String path) {
        HttpResponse<String> r = send("GET", path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return tree(r);
    }

    /** Submits a spec, requires 202 with a valid Experiment and its Location; returns the id. */
    public String submit(Object spec, String... headers) {
        HttpResponse<String> r = send("POST", "/experiments", spec, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertValid("Experiment", r);
        String id = tree(r).get("id").asText();
        assertThat(r.headers().firstValue("Location")).hasValue("/experiments/" + id);
        return id;
    }

    /** Waits (up to 90 s) until the experiment has this status. */
    public void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> tree(send("GET", "/experiments/" + id, null)).get("status").asText().equals(status));
    }

    public static String json(Object tree) {
        try {
            return OpenApiContract.JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(HttpResponse<String> r) {
        return tree(r.body());
    }

    public static JsonNode tree(String body) {
        try {
            return OpenApiContract.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body is valid against components/schemas/{schema} of the OpenAPI file. */
    public static void assertValid(String schema, HttpResponse<String> r) {
        assertThat(CONTRACT.validate(schema, r.body())).as(schema + ": " + r.body()).isEmpty();
    }

    /** The body is an array whose items are valid against components/schemas/{schema}. */
    public static void assertValidArray(String schema, HttpResponse<String> r) {
        assertThat(CONTRACT.validateArray(schema, r.body())).as(schema + "[]: " + r.body()).isEmpty();
    }

    /** A problem detail with this status, valid against the Problem schema. */
    public static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertValid("Problem", r);
    }

    /** The same, naming {@code field} among its errors and saying {@code detail} (each when not null). */
    public static void assertProblem(HttpResponse<String> r, int status, @Nullable String field,
            @Nullable String detail) {
        assertProblem(r, status);
        if (detail != null) {
            assertThat(tree(r).get("detail").asText()).contains(detail);
        }
        if (field != null) {
            assertThat(tree(r).get("errors").findValuesAsText("field")).contains(field);
        }
    }

    /** The field names of a problem's errors. */
    public static java.util.List<String> errorFields(HttpResponse<String> r) {
        return tree(r).get("errors").findValuesAsText("field");
    }

    /** Makes the client a bean of the test's context (see {@link ApiIntegrationTest}). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {
        @Bean
        ApiClient apiClient(Environment environment) {
            return new ApiClient(environment, null);
        }
    }

    /** A JSON object from key, value pairs (for small request bodies). */
    public static Map<String, Object> object(Object... keyValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
