package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.engine.RunKey;
import cascade.engine.RunOutcome;
import cascade.engine.report.CompletedRun;
import cascade.engine.report.Reports;
import cascade.engine.report.ResultDocument;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import cascade.engine.spec.SpecWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The result document's JSON keeps the contract's shapes (CONTRACT.md "Result"). */
class ResultJsonTests {

    /**
     * Direction 1 crosses cos2 = 0.5 between n = 100 (0.2) and 400 (0.8): log-interpolated at 200;
     * direction 2 never does, so its crossing n is null (present, not omitted). Verdicts: an
     * exponent expectation on synthetic nmse = 10 n^-0.5 (slope exactly -0.5) passes.
     */
    @Test
    void crossingsAreNullWhenNeverReachedAndVerdictsAreComputed() throws Exception {
        ExperimentSpec spec = SpecParser.parse(Map.of(
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", 50, "p", 2),
                "estimators", List.of(Map.of("kind", "hierarchical-spectral", "name", "s")),
                "sweep", Map.of("n", List.of(100, 400, 1600), "seeds", 2),
                "expect", List.of(Map.of("estimator", "s", "quantity", "exponent", "value", -0.5, "tolerance", 1e-9),
                        Map.of("estimator", "s", "quantity", "crossing", "direction", 1, "value", 200, "tolerance", 1e-6))));
        double[][] cos2 = {{0.2, 0.1}, {0.8, 0.2}, {0.9, 0.3}};
        int[] ns = {100, 400, 1600};
        List<CompletedRun> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (long seed = 0; seed < 2; seed++) {
                runs.add(new CompletedRun(new RunKey(0, ns[i], seed), new RunOutcome(
                        Map.of("nmse", 10 / Math.sqrt(ns[i])), cos2[i], null, Map.of())));
            }
        }
        ResultDocument doc = ResultDocument.of("x", "SUCCEEDED", SpecWriter.toTree(spec), null,
                Reports.assemble(spec, runs), Map.of("wallSeconds", 1.0));
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(doc));
        JsonNode crossings = json.get("crossings");
        assertThat(crossings.get(0).get("n").asDouble()).isCloseTo(200.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(crossings.get(1).has("n")).isTrue();
        assertThat(crossings.get(1).get("n").isNull()).isTrue();
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("fits").get(0).get("exponent").asDouble()).isCloseTo(-0.5,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.has("progress")).isFalse();
    }
}
