package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestDatabase;
import cascade.TestSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * POST /experiments refuses a spec whose largest run would not fit the memory budget (422 problem
 * detail with the estimate, its biggest terms, the budget and what would fit) and accepts a normal
 * one. The budget is set to 256 MB here so the numbers do not depend on the test JVM's heap;
 * workers are off (acceptance is the point, not running).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cascade.jobs.enabled=false", "cascade.experiments.memory-budget=256MB"})
class MemoryBudgetApiIntegrationTests {

    static final OpenApiContract CONTRACT = ExperimentsApiIntegrationTests.CONTRACT;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "it_memory");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clean() {
        jdbc.sql("TRUNCATE experiment, run CASCADE").update();
    }

    HttpResponse<String> post(Map<String, Object> spec) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/experiments"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OpenApiContract.JSON.writeValueAsString(spec))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * D = 820 spectral at n = 128000 (the sequential-recovery shape): training inputs 0.84 GB and the
     * weighted-Gram scratch 0.85 GB, about 1.6 GiB in all; the ridge's run holds the same samples.
     */
    static Map<String, Object> huge() {
        return Map.of(
                "name", "huge",
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "d", 40, "p", 10),
                "estimators", List.of(Map.of("kind", "hierarchical-spectral", "name", "spectral", "directions", 10),
                        Map.of("kind", "ridge")),
                "sweep", Map.of("n", List.of(2000, 128000), "seeds", 1),
                "test", Map.of("n", 2000));
    }

    @Test
    void aSpecWhoseLargestRunWouldNotFitIsRefusedWithWhatWouldFit() throws Exception {
        HttpResponse<String> r = post(huge());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(CONTRACT.validate("Problem", r.body())).as(r.body()).isEmpty();
        JsonNode p = OpenApiContract.JSON.readTree(r.body());
        assertThat(p.get("type").asText()).endsWith("/memory-budget");
        assertThat(p.get("detail").asText()).contains("spectral, n = 128000", "256.0 MiB", "spectral fits up to n = ");
        JsonNode memory = p.get("memory");
        assertThat(memory.get("estimator").asText()).isEqualTo("spectral");
        assertThat(memory.get("n").asInt()).isEqualTo(128000);
        assertThat(memory.get("budgetBytes").asLong()).isEqualTo(256L << 20);
        assertThat(memory.get("estimateBytes").asLong()).isGreaterThan(1L << 30);
        assertThat(memory.get("largestTerms").findValuesAsText("name"))
                .contains("weighted-Gram scratch n x D + D x D (native)", "training samples n x d + 3n labels");
        // Both estimators are over budget at n = 128000 (the training inputs alone are 0.84 GB): each
        // gets the largest n that fits, below 128000, the spectral one (with its Gram scratch) lower.
        assertThat(memory.get("fits").findValuesAsText("estimator")).containsExactly("spectral", "ridge");
        int largestN = memory.get("fits").get(0).get("largestN").asInt();
        assertThat(largestN).isBetween(2000, memory.get("fits").get(1).get("largestN").asInt());
        assertThat(jdbc.sql("SELECT count(*) FROM experiment").query(Integer.class).single()).isZero();

        // The same spec with the largest n that fits is accepted.
        Map<String, Object> smaller = new java.util.HashMap<>(huge());
        smaller.put("sweep", Map.of("n", List.of(2000, largestN), "seeds", 1));
        HttpResponse<String> ok = post(smaller);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
    }

    @Test
    void aNormalSpecIsAccepted() throws Exception {
        HttpResponse<String> r = post(TestSpecs.tinyTree("normal", 3, 1));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(CONTRACT.validate("Experiment", r.body())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM run").query(Integer.class).single()).isEqualTo(2 * 3);
    }
}
