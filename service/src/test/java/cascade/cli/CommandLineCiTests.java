package cascade.cli;

import static cascade.cli.Outcome.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.report.ExperimentReport.Verdict;
import cascade.engine.report.ResultDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** `run` as a CI gate: JUnit XML reports, baselines from an earlier result file, result files read back. */
class CommandLineCiTests {

    static final String SPEC = """
            {"name": "ci", "teacher": {"kind": "hierarchical", "input": "gaussian-equivalent", "d": 8, "p": 3},
             "estimators": [{"kind": "hierarchical-spectral", "name": "spectral"}],
             "sweep": {"n": {"from": 200, "to": 3200, "points": 5}, "seeds": 2}, "test": {"n": 500},
             "expect": [%s]}""";

    @TempDir
    Path dir;

    Path spec(String expect) throws Exception {
        return Files.writeString(dir.resolve("spec-" + Math.abs(expect.hashCode()) + ".json"), SPEC.formatted(expect));
    }

    @Test
    void junitReportHasOneCasePerExpectationAndFailuresSayWhy() throws Exception {
        Path spec = spec("""
                {"estimator": "spectral", "quantity": "exponent", "value": -0.8, "tolerance": 0.5},
                {"estimator": "spectral", "quantity": "exponent", "value": 2.0, "tolerance": 0.1},
                {"estimator": "spectral", "quantity": "nmse", "n": 999, "value": 0.5, "relativeTolerance": 0.1}""");
        Path junit = dir.resolve("report.xml");
        Outcome o = run("run", spec.toString(), "--out", dir.resolve("r.json").toString(), "--junit", junit.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        JunitXml xml = JunitXml.read(junit);
        assertThat(xml.suite().getAttribute("name")).isEqualTo("ci");
        assertThat(xml.suite().getAttribute("tests")).isEqualTo("4");
        assertThat(xml.suite().getAttribute("failures")).isEqualTo("2");
        assertThat(xml.suites().getAttribute("failures")).isEqualTo("2");
        assertThat(xml.cases()).extracting(JunitXml.Case::name).containsExactly("experiment status",
                "expect[0] spectral exponent", "expect[1] spectral exponent", "expect[2] spectral nmse@n=999");
        assertThat(xml.cases()).extracting(JunitXml.Case::failed).containsExactly(false, false, true, true);
        assertThat(xml.cases().get(2).text()).contains("expected: 2.00000", "actual: ", "tolerance: 0.100000 absolute");
        assertThat(xml.cases().get(3).text()).contains("actual: missing", "reason: result has no nmse of spectral at n = 999");
        assertThat(xml.cases().get(3).message()).startsWith("FAIL");
    }

    @Test
    void anIdenticalBaselinePassesAndAShiftedOneFails() throws Exception {
        Path first = dir.resolve("first.json");
        assertThat(run("run", spec("").toString(), "--out", first.toString()).code()).isZero();
        Path spec = spec("""
                {"estimator": "spectral", "quantity": "exponent", "against": "baseline", "tolerance": 0},
                {"estimator": "spectral", "quantity": "nmse", "n": 3200, "against": "baseline", "relativeTolerance": 0.01}""");

        // The same spec and seeds give the same numbers on every run (CONTRACT.md): deviation 0.
        Outcome same = run("run", spec.toString(), "--baseline", first.toString(), "--out", dir.resolve("2.json").toString());
        assertThat(same.code()).as(same.err()).isZero();
        ResultDocument second = Json.result(Files.readString(dir.resolve("2.json")));
        assertThat(second.verdicts()).extracting(Verdict::baseline).containsOnly(first.toString());

        // A baseline whose exponent is 1 higher and whose nmse at 3200 is doubled.
        ObjectNode shifted = (ObjectNode) Json.MAPPER.readTree(Files.readString(first));
        ObjectNode fit = (ObjectNode) shifted.get("fits").get(0);
        double exponent = fit.get("exponent").asDouble();
        fit.put("exponent", exponent + 1);
        for (JsonNode curve : shifted.get("curves")) {
            if (curve.get("n").asInt() == 3200) {
                ObjectNode nmse = (ObjectNode) curve.get("metrics").get("nmse");
                nmse.put("mean", 2 * nmse.get("mean").asDouble());
            }
        }
        Path baseline = Files.writeString(dir.resolve("shifted.json"), Json.MAPPER.writeValueAsString(shifted));
        Path junit = dir.resolve("shifted.xml");
        Outcome o = run("run", spec.toString(), "--baseline", baseline.toString(), "--junit", junit.toString());
        assertThat(o.code()).isEqualTo(1);
        ResultDocument doc = Json.result(o.out());
        assertThat(doc.verdicts().get(0).expected()).isCloseTo(exponent + 1, within(1e-12));
        assertThat(doc.verdicts().get(0).value()).isCloseTo(exponent, within(1e-12));
        assertThat(doc.verdicts()).extracting(Verdict::pass).containsExactly(false, false);
        assertThat(JunitXml.read(junit).cases().get(1).text()).contains("deviation: 1.00000");

        // Without a baseline the verdicts fail with a reason; a missing or broken file is a usage error.
        Outcome none = run("run", spec.toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no baseline to compare with");
        assertThat(run("run", spec.toString(), "--baseline", dir.resolve("absent.json").toString()).code()).isEqualTo(2);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"curves\": 3}");
        assertThat(run("run", spec.toString(), "--baseline", broken.toString()).code()).isEqualTo(2);
    }

    @Test
    void junitReportEscapesWhatXmlCannotHoldAndResultFilesReadBack() throws Exception {
        Verdict odd = new Verdict("e<&>\"'", "exponent", null, null, null, null, 0.1, false, "baseline", "x\u0001y",
                null, false, "reason with <tags> & \"quotes\" and a \u0007bell");
        ResultDocument doc = new ResultDocument("id", "FAILED", Map.of("name", "a&b"), null, List.of(), List.of(),
                List.of(), null, List.of(odd), false, Map.of("wallSeconds", 1.5));
        Path file = dir.resolve("odd.xml");
        JunitReport.write(doc, file);
        JunitXml xml = JunitXml.read(file);
        assertThat(xml.suite().getAttribute("name")).isEqualTo("a&b");
        assertThat(xml.suite().getAttribute("time")).isEqualTo("1.500");
        assertThat(xml.cases()).extracting(JunitXml.Case::failed).containsExactly(true, true);
        assertThat(xml.cases().get(0).message()).contains("FAILED");
        assertThat(xml.cases().get(1).name()).isEqualTo("expect[0] e<&>\"' exponent");
        assertThat(xml.cases().get(1).text()).contains("reason with <tags> & \"quotes\" and a ?bell");

        String json = Json.MAPPER.writeValueAsString(doc);
        assertThat(Json.MAPPER.writeValueAsString(Json.result(json))).isEqualTo(json);
    }

    /** examples/regression.json is the README's CI example: its expectations must pass. */
    @Test
    void theRegressionExamplePasses() throws Exception {
        Path example = Files.exists(Path.of("../examples/regression.json")) ? Path.of("../examples/regression.json")
                : Path.of("examples/regression.json");
        Path junit = dir.resolve("regression.xml");
        Outcome o = run("run", example.toString(), "--out", dir.resolve("regression.json").toString(),
                "--junit", junit.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JunitXml xml = JunitXml.read(junit);
        assertThat(xml.cases()).hasSize(6).noneMatch(JunitXml.Case::failed);
    }

    @Test
    void submitUsageErrorsExitTwo() throws Exception {
        Path spec = spec("");
        assertThat(run("submit", spec.toString()).code()).isEqualTo(2);
        assertThat(run("submit", spec.toString(), "--server", "not a url").code()).isEqualTo(2);
        assertThat(run("submit", spec.toString(), "--server", "http://localhost:1", "--out", "x.json").code()).isEqualTo(2);
        assertThat(run("submit", spec.toString(), "--server", "http://localhost:1", "--baseline", "x.json").code()).isEqualTo(2);
        assertThat(run("submit", spec.toString(), "--server", "http://localhost:1", "--poll", "-1").code()).isEqualTo(2);
        Path malformed = Files.writeString(dir.resolve("malformed.json"), "{\"teacher\": ");
        assertThat(run("submit", malformed.toString(), "--server", "http://localhost:1").code()).isEqualTo(2);
    }
}
