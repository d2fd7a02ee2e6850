package cascade.cli;

import static cascade.cli.Outcome.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `run SPEC.json` exit codes and output (CONTRACT.md "Command line"). */
class CommandLineTests {

    static final String SPEC = """
            {"name": "cli", "teacher": {"kind": "hierarchical", "input": "gaussian-equivalent", "d": 8, "p": 3},
             "estimators": [{"kind": "hierarchical-spectral", "name": "spectral"}],
             "sweep": {"n": {"from": 200, "to": 3200, "points": 5}, "seeds": 2}, "test": {"n": 500},
             "expect": [{"estimator": "spectral", "quantity": "exponent", "value": %s, "tolerance": 0.5}]}""";

    @TempDir
    Path dir;

    @Test
    void passingExpectationsExitZeroAndPrintTheResult() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC.formatted("-0.8"));
        Outcome o = run("run", spec.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(o.out());
        assertThat(result.get("curves")).hasSize(5);
        assertThat(result.get("verdicts").get(0).get("pass").asBoolean()).isTrue();
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(o.err()).contains("[  1/10]").contains("fit spectral");
    }

    @Test
    void aFailedExpectationExitsOneAndWritesTheResultFile() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC.formatted("2.0"));
        Path out = dir.resolve("result.json");
        Outcome o = run("run", spec.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(Files.readString(out)).get("passed").asBoolean()).isFalse();
        assertThat(o.err()).contains("FAIL");
    }

    @Test
    void aBadSpecExitsTwoNamingEveryField() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.json"), """
                {"teacher": {"kind": "hierarchical", "d": -3}, "estimators": [{"kind": "nope"}], "sweep": {"n": [100]},
                 "colour": 1}""");
        Outcome o = run("run", spec.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("teacher.d", "estimators[0].kind", "colour");
        Path malformed = Files.writeString(dir.resolve("malformed.json"), "{\"teacher\": ");
        assertThat(run("run", malformed.toString()).code()).isEqualTo(2);
        assertThat(run("run").code()).isEqualTo(2);
    }
}
