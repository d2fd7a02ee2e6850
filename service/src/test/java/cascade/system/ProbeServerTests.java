package cascade.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/** The worker's probe listener over real HTTP, following Spring's availability states. */
class ProbeServerTests {

    final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    final ProbeServer probes = new ProbeServer(availability, "127.0.0.1", 0);
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        probes.stop();
    }

    @Test
    void livenessAndReadinessFollowTheApplicationFromStartToShutdown() throws Exception {
        probes.start();
        assertThat(get("/livez")).as("starting").isEqualTo(503);
        assertThat(get("/readyz")).as("starting").isEqualTo(503);

        publish(LivenessState.CORRECT);
        assertThat(get("/livez")).isEqualTo(200);
        assertThat(get("/readyz")).as("context refreshed, runners not done").isEqualTo(503);

        publish(ReadinessState.ACCEPTING_TRAFFIC);
        assertThat(get("/readyz")).isEqualTo(200);
        assertThat(send("HEAD", "/readyz").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/livez").body()).isEqualTo("UP\n");

        probes.closing(); // SIGTERM: Spring publishes ContextClosedEvent first
        assertThat(get("/readyz")).as("shutting down").isEqualTo(503);
        assertThat(get("/livez")).as("still alive while runs are given back").isEqualTo(200);

        publish(LivenessState.BROKEN);
        assertThat(get("/livez")).isEqualTo(503);
    }

    @Test
    void nothingElseIsServed() throws Exception {
        probes.start();
        publish(LivenessState.CORRECT);
        assertThat(get("/")).isEqualTo(404);
        assertThat(get("/actuator/health")).isEqualTo(404);
        assertThat(get("/livez/x")).isEqualTo(404);
        assertThat(send("POST", "/livez").statusCode()).isEqualTo(405);
    }

    @Test
    void stopClosesThePort() throws Exception {
        probes.start();
        int port = probes.port();
        assertThat(probes.isRunning()).isTrue();
        probes.stop();
        assertThat(probes.isRunning()).isFalse();
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            throw new AssertionError("port " + port + " still open");
        } catch (java.net.ConnectException closed) {
            // expected
        }
    }

    void publish(AvailabilityState state) {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
    }

    int get(String path) throws Exception {
        return send("GET", path).statusCode();
    }

    HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probes.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
