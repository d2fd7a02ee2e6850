package cascade.api;

import static cascade.api.ApiClient.assertValid;
import static cascade.api.ApiClient.tree;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import cascade.TestSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * POST /experiments refuses a spec whose largest run would not fit the memory budget (422 problem
 * detail with the estimate, its biggest terms, the budget and what would fit) and accepts a normal
 * one. The budget is set to 256 MB here so the numbers do not depend on the test JVM's heap;
 * workers are off (acceptance is the point, not running).
 */
@ApiIntegrationTest(properties = {"cascade.jobs.enabled=false", "cascade.experiments.memory-budget=256MB"})
@TestSchema("it_memory")
class MemoryBudgetApiIntegrationTests {

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

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
        HttpResponse<String> r = api.send("POST", "/experiments", huge());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertValid("Problem", r);
        JsonNode p = tree(r);
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
        HttpResponse<String> ok = api.send("POST", "/experiments", smaller);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
    }

    @Test
    void aNormalSpecIsAccepted() throws Exception {
        HttpResponse<String> r = api.send("POST", "/experiments", TestSpecs.tinyTree("normal", 3, 1));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertValid("Experiment", r);
        assertThat(jdbc.sql("SELECT count(*) FROM run").query(Integer.class).single()).isEqualTo(2 * 3);
    }
}
