package cascade.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The few HTTP calls {@code submit} makes to a Cascade service (api-spec/openapi.yaml), with
 * {@code Authorization: Bearer token} on each when a token is given. Plain java.net.http: the
 * command line never starts Spring. Redirects are reported, never followed, so the token goes to
 * the --server host only.
 */
final class ServiceClient {

    /**
     * A status code and body; {@code body} is a problem detail when the status is 4xx or 5xx, and
     * {@code location} the target of a 3xx, which is never followed.
     */
    record Response(int status, String body, @Nullable String location) {

        Response(int status, String body) {
            this(status, body, null);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean redirect() {
            return status >= 300 && status < 400;
        }
    }

    // Redirects are not followed: a redirect to another host would receive the bearer token.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String server;
    private final @Nullable String token;

    ServiceClient(String server, @Nullable String token) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.token = token;
    }

    String server() {
        return server;
    }

    Response submit(String spec, String idempotencyKey) throws IOException, InterruptedException {
        return send(request("/experiments").header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(spec)));
    }

    Response experiment(String id) throws IOException, InterruptedException {
        return send(request("/experiments/" + id).GET());
    }

    Response result(String id) throws IOException, InterruptedException {
        return send(request("/experiments/" + id + "/results").header("Accept", "application/json").GET());
    }

    Response markBaseline(String id) throws IOException, InterruptedException {
        return send(request("/experiments/" + id + "/baseline").POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
    }
}
