package cascade.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cascade.TestSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Python client (clients/python) against this service: starts it on a random port with its
 * workers and PostgreSQL, and runs the client's whole unittest suite (unit tests, packaging, and
 * the live tests: submit, wait, DataFrames, a 4xx with its field errors, datasets, the CLI's exit
 * codes) with CASCADE_URL pointing here. The interpreter is $CASCADE_PYTHON or python3. Skipped
 * when there is no Python, unless CASCADE_REQUIRE_PYTHON=1 (CI, whose .ci/run installs python3
 * with pandas and matplotlib and sets CASCADE_REQUIRE_PYTHON_EXTRAS=1 so that the Python tests
 * needing them fail rather than skip).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms"})
@TestSchema(value = "it_pyclient", truncate = {})
class PythonClientIntegrationTests {

    static final long TIMEOUT_MINUTES = 12;

    @LocalServerPort
    int port;

    static String python() {
        String configured = System.getenv("CASCADE_PYTHON");
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    @BeforeAll
    static void pythonInstalled() throws InterruptedException {
        String version;
        try {
            Process p = new ProcessBuilder(python(), "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                version = null;
            }
        } catch (IOException e) {
            version = null;
        }
        if (version == null && "1".equals(System.getenv("CASCADE_REQUIRE_PYTHON"))) {
            fail("CASCADE_REQUIRE_PYTHON=1 but " + python() + " does not run (apt-get install python3)");
        }
        assumeTrue(version != null, python() + " not found: the Python client's tests are skipped");
    }

    /** The repository's root: the first parent of the working directory that has clients/python. */
    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("clients/python/tests"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no clients/python above " + Path.of("").toAbsolutePath());
    }

    @Test
    void thePythonClientsTestsPassAgainstThisService() throws Exception {
        Path root = repository();
        Path log = Files.createTempFile("cascade-python-client-", ".log");
        ProcessBuilder builder = new ProcessBuilder(python(), "-m", "unittest", "discover", "-v", "-s",
                "clients/python/tests").directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("CASCADE_URL", "http://127.0.0.1:" + port);
        env.remove("CASCADE_TOKEN"); // access control is off here; a token of the caller's has no business here
        env.put("MPLBACKEND", "Agg");
        env.put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the checkout
        env.put("PYTHONUNBUFFERED", "1");
        // urllib honours http_proxy: never for this loopback service
        env.put("no_proxy", "127.0.0.1,localhost");
        env.put("NO_PROXY", "127.0.0.1,localhost");
        Process process = builder.start();
        boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.println("---- " + python() + " -m unittest discover -v -s clients/python/tests ----");
        System.out.println(output);
        assertThat(finished).as("the Python tests did not finish in %d minutes:%n%s", TIMEOUT_MINUTES, output).isTrue();
        assertThat(process.exitValue()).as("the Python client's tests failed:%n%s", output).isZero();
        // The live tests ran against this service (they skip only without CASCADE_URL).
        for (String test : List.of("test_a_quickstart_finishes_with_curves_and_fits",
                "test_a_bad_spec_raises_BadRequest_with_its_field_errors", "test_a_failed_expectation_exits_1",
                "test_passing_expectations_exit_0_with_result_and_junit", "test_a_bad_spec_exits_2_naming_the_field",
                "test_an_unreachable_server_exits_3")) {
            assertThat(output).as(output).containsPattern(test + " \\(test_live\\.[\\w.]+\\) \\.\\.\\. ok");
        }
    }
}
