package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * `submit` end to end against the service on a random port with real workers and PostgreSQL:
 * exit codes, the result file, the JUnit XML as a CI tool parses it, and baselines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms"})
@TestSchema(value = "it_submit", truncate = {"experiment", "run", "baseline"})
class SubmitCommandIntegrationTests {

    static final String SPEC = """
            {"name": "%s", "teacher": {"kind": "hierarchical", "input": "gaussian-equivalent", "d": 8, "p": 3},
             "estimators": [{"kind": "hierarchical-spectral", "name": "spectral"}, {"kind": "ridge"}],
             "sweep": {"n": {"from": 200, "to": 3200, "points": 5}, "seeds": 2}, "test": {"n": 500},
             "expect": [%s]}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    Outcome submit(String name, String expect, String... options) throws Exception {
        Path spec = Files.writeString(dir.resolve(name + ".json"), SPEC.formatted(name, expect));
        List<String> full = new ArrayList<>(List.of("submit", spec.toString(), "--server", "http://localhost:" + port,
                "--poll", "0.1"));
        full.addAll(List.of(options));
        return Outcome.run(full.toArray(String[]::new));
    }

    int experiments() {
        return jdbc.sql("SELECT count(*) FROM experiment").query(Integer.class).single();
    }

    @Test
    void passingExpectationsExitZeroWithResultFileAndJunitReport() throws Exception {
        Path out = dir.resolve("result.json");
        Path junit = dir.resolve("report.xml");
        Outcome o = submit("ci-pass", """
                {"estimator": "spectral", "quantity": "exponent", "value": -0.8, "tolerance": 0.5},
                {"estimator": "ridge", "quantity": "nmse", "n": 3200, "value": 1.0, "tolerance": 0.2}""",
                "--wait", "--out", out.toString(), "--junit", junit.toString(), "--token", "secret-1");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(Files.readString(out));
        String id = result.get("experiment").asString();
        assertThat(result.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(result.get("curves")).hasSize(2 * 5);
        assertThat(jdbc.sql("SELECT idempotency_key FROM experiment WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single()).startsWith("cascade-cli-");
        JunitXml xml = JunitXml.read(junit);
        assertThat(xml.suite().getAttribute("name")).isEqualTo("ci-pass");
        assertThat(xml.suite().getAttribute("tests")).isEqualTo("3");
        assertThat(xml.suite().getAttribute("failures")).isEqualTo("0");
        assertThat(xml.cases()).extracting(JunitXml.Case::name).containsExactly("experiment status",
                "expect[0] spectral exponent", "expect[1] ridge nmse@n=3200");
        assertThat(xml.cases()).noneMatch(JunitXml.Case::failed);
        assertThat(o.err()).contains("submitted " + id, "[20/20] SUCCEEDED", "PASS spectral");
    }

    @Test
    void aFailedExpectationExitsOneAndTheReportSaysExpectedActualAndTolerance() throws Exception {
        Path junit = dir.resolve("report.xml");
        Outcome o = submit("ci-fail", """
                {"estimator": "spectral", "quantity": "exponent", "value": 2.0, "tolerance": 0.1}""",
                "--wait", "--junit", junit.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        JsonNode result = Json.MAPPER.readTree(o.out());
        double actual = result.get("fits").get(0).get("exponent").asDouble();
        JunitXml xml = JunitXml.read(junit);
        assertThat(xml.suite().getAttribute("failures")).isEqualTo("1");
        JunitXml.Case failed = xml.cases().get(1);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.text()).contains("expected: 2.00000", "tolerance: 0.100000 absolute",
                "actual: " + String.format(java.util.Locale.ROOT, "%.6g", actual));
    }

    @Test
    void aBadSpecExitsTwoWithTheApisFieldErrorsAndStoresNothing() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.json"), """
                {"teacher": {"kind": "hierarchical", "d": -3}, "estimators": [{"kind": "nope"}], "sweep": {"n": [100]},
                 "colour": 1, "expect": [{"estimator": "nope", "quantity": "exponent", "value": 1}]}""");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandLine.execute(new String[] {"submit", spec.toString(), "--server", "http://localhost:" + port,
                "--wait"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 400", "teacher.d", "estimators[0].kind",
                "colour", "expect[0].tolerance");
        assertThat(experiments()).isZero();
    }

    @Test
    void withoutWaitItPrintsTheIdAndAnUnreachableServerExitsThree() throws Exception {
        Outcome o = submit("ci-nowait", "");
        assertThat(o.code()).as(o.err()).isZero();
        UUID id = UUID.fromString(o.out().trim());
        assertThat(jdbc.sql("SELECT count(*) FROM experiment WHERE id = ?").param(id).query(Integer.class).single())
                .isEqualTo(1);

        Path spec = dir.resolve("ci-nowait.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandLine.execute(new String[] {"submit", spec.toString(), "--server", "http://127.0.0.1:9"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
    }

    @Test
    void theFirstRunWithMarkBaselineBecomesTheBaselineAndTheNextComparesWithIt() throws Exception {
        String expect = """
                {"estimator": "spectral", "quantity": "exponent", "against": "baseline", "tolerance": 0},
                {"estimator": "ridge", "quantity": "nmse", "n": 3200, "against": "baseline", "relativeTolerance": 0}""";
        Path junit = dir.resolve("first.xml");
        Outcome first = submit("ci-base", expect, "--wait", "--mark-baseline", "--junit", junit.toString());
        assertThat(first.code()).as(first.err()).isEqualTo(1);
        assertThat(JunitXml.read(junit).cases().get(1).text()).contains("no baseline");
        String firstId = Json.MAPPER.readTree(first.out()).get("experiment").asString();
        assertThat(first.err()).contains("marked " + firstId);
        assertThat(jdbc.sql("SELECT experiment_id FROM baseline WHERE name = 'ci-base'").query(UUID.class).single())
                .isEqualTo(UUID.fromString(firstId));

        // The same spec and seeds give the same numbers on every run (CONTRACT.md): deviation 0.
        Outcome second = submit("ci-base", expect, "--wait");
        assertThat(second.code()).as(second.err()).isZero();
        JsonNode verdicts = Json.MAPPER.readTree(second.out()).get("verdicts");
        assertThat(verdicts).hasSize(2);
        verdicts.forEach(v -> assertThat(v.get("baseline").asString()).isEqualTo(firstId));
    }
}
