package cascade.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cascade.TestSpecs;
import cascade.engine.Engine;
import cascade.engine.RunOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Faults around the database, end to end over HTTP: the service with two real workers runs
 * against its own embedded PostgreSQL (its own port and data directory, never the shared
 * server), which the test stops and starts again under load. Runs use the real engine plus
 * ~100 ms of checkpointed work, so several are in flight when the database goes away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms",
                "cascade.jobs.heartbeat-interval=300ms", "cascade.jobs.reap-interval=500ms",
                "cascade.runs.lease=3s", "cascade.runs.backoff=200ms",
                "spring.datasource.hikari.connection-timeout=1000", "spring.datasource.hikari.validation-timeout=500"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageIntegrationTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Path dataDir;
    static int pgPort;
    static volatile EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("cascade-outage-pg");
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        startPostgres();
        Runtime.getRuntime().addShutdownHook(new Thread(DatabaseOutageIntegrationTests::stopPostgres));
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(120)).start();
    }

    static synchronized void stopPostgres() {
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real engine, stretched by ~100 ms of checkpointed work; specs named "throws…" fail in estimator 1. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SlowOrThrowingEstimator {
        @Bean
        @Primary
        RunExecutor slowOrThrowing() {
            return (spec, key, control) -> {
                if (spec.name().startsWith("throws") && key.estimator() == 1) {
                    throw new IllegalStateException("singular system (injected)");
                }
                RunOutcome outcome = Engine.run(spec, key, control);
                Work.checkpointed(control, 5, 20);
                return outcome;
            };
        }
    }

    @LocalServerPort
    int port;

    HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    String submit(String name, int points, int seeds) throws Exception {
        HttpResponse<String> r = send("POST", "/experiments", TestSpecs.tinyTree(name, points, seeds));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("id").asText();
    }

    void awaitStatus(String id, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get("/experiments/" + id).get("status").asText().equals(status));
    }

    @Test
    void aRunThatThrowsIsRetriedThenFailedWithItsErrorVisibleInTheApi() throws Exception {
        String id = submit("throws-once-per-attempt", 1, 1);
        awaitStatus(id, "FAILED", Duration.ofSeconds(60));
        JsonNode runs = get("/experiments/" + id + "/runs");
        assertThat(runs).hasSize(2);
        for (JsonNode run : runs) {
            if (run.get("estimatorIndex").asInt() == 1) {
                assertThat(run.get("status").asText()).isEqualTo("FAILED");
                assertThat(run.get("attempts").asInt()).as("cascade.experiments.max-attempts").isEqualTo(3);
                assertThat(run.get("error").asText()).isEqualTo("IllegalStateException: singular system (injected)");
                assertThat(run.get("finishedAt").isNull()).isFalse();
            } else {
                assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(run.get("outcome").get("metrics").has("nmse")).isTrue();
            }
        }
        JsonNode experiment = get("/experiments/" + id);
        assertThat(experiment.get("progress").get("failed").asInt()).isEqualTo(1);
        assertThat(experiment.get("progress").get("succeeded").asInt()).isEqualTo(1);
        // Retrying re-queues the failed run with fresh attempts; it fails the same way, visibly again.
        assertThat(send("POST", "/experiments/" + id + "/retry", null).statusCode()).isEqualTo(200);
        awaitStatus(id, "FAILED", Duration.ofSeconds(60));
    }

    @Test
    void whileTheDatabaseIsDownTheApiAnswers503AndNoRunIsLostOrStuck() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submit("load-" + i, 4, 2)); // 2 estimators x 4 n x 2 seeds = 16 runs each
        }
        // A client polling throughout: every answer must be 200, or 503 with Retry-After.
        Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
        List<String> bad = new ArrayList<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = Thread.ofPlatform().start(() -> {
            while (polling.get()) {
                try {
                    HttpResponse<String> r = send("GET", "/experiments/" + ids.get(0), null);
                    codes.computeIfAbsent(r.statusCode(), c -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() != 200 && (r.statusCode() != 503
                            || r.headers().firstValue("Retry-After").isEmpty())) {
                        synchronized (bad) {
                            bad.add(r.statusCode() + " " + r.body());
                        }
                    }
                    Thread.sleep(50);
                } catch (Exception e) {
                    synchronized (bad) {
                        bad.add(e.toString());
                    }
                }
            }
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/experiments/" + ids.get(0)).get("progress").get("succeeded").asInt() >= 2);

        stopPostgres();
        HttpResponse<String> list = send("GET", "/experiments", null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(503);
        assertThat(list.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> submit = send("POST", "/experiments", TestSpecs.tinyTree("during-outage", 1, 1));
        assertThat(submit.statusCode()).as(submit.body()).isEqualTo(503);
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(503);
        Thread.sleep(4000); // longer than the 3 s lease: leases of in-flight runs expire meanwhile
        startPostgres();

        for (String id : ids) {
            awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(120));
        }
        polling.set(false);
        poller.join();
        assertThat(bad).as("answers other than 200 or 503 + Retry-After").isEmpty();
        assertThat(codes).containsKeys(200, 503);
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        for (String id : ids) {
            JsonNode runs = get("/experiments/" + id + "/runs");
            assertThat(runs).hasSize(16);
            for (JsonNode run : runs) {
                assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(run.get("outcome").get("metrics").has("nmse")).isTrue();
            }
        }
        assertThat(get("/experiments?status=RUNNING").get("items")).isEmpty();
        assertThat(get("/experiments?status=QUEUED").get("items")).isEmpty();
    }
}
