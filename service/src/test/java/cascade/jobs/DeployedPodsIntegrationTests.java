package cascade.jobs;

import static cascade.Manifests.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cascade.Manifests;
import cascade.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API pod and a worker pod of deploy/base as the pods run them, against the real PostgreSQL:
 * each a separate JVM whose environment is the image's (the Dockerfile's ENV) overlaid with the
 * container's env from the manifest, Secrets filled in (the test database, a fresh bootstrap
 * token), the JVM options of the manifest (JAVA_TOOL_OPTIONS) and of the image's ENTRYPOINT, a
 * home directory nothing can be written to (the container's read-only root) and an empty working
 * directory that must stay empty. Only the listening addresses are moved: free ports (other tests
 * share this machine) on loopback (the image's 0.0.0.0 is for a pod network). The worker runs the production service with one change, an estimator that never
 * finishes ({@link HangingWorker.AsDeployed}), so SIGTERM finds it mid-run; the API runs the
 * production classpath alone. Not covered here: the image itself (no Docker engine on this
 * machine), the kubelet, the read-only root as a mount (emulated by the unwritable home).
 */
class DeployedPodsIntegrationTests {

    static final String SCHEMA = "it_deployed_pods";
    static final Path UNWRITABLE_HOME = Path.of("/proc/cascade-read-only-home");
    static final ObjectMapper JSON = new ObjectMapper();

    static Deployment api;
    static Deployment worker;
    static Map<String, String> image;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Pod> pods = new ArrayList<>();
    final String token = "t" + Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(32));

    @TempDir
    Path workdir;

    record Pod(String name, Process process, Path log, Map<String, String> env) {
        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        int port(String variable) {
            return Integer.parseInt(env.get(variable));
        }
    }

    @BeforeAll
    static void manifests() throws Exception {
        List<JsonNode> base = Manifests.render(Manifests.DEPLOY.resolve("base"));
        api = Manifests.as(Manifests.find(base, "Deployment", "cascade-api"), Deployment.class);
        worker = Manifests.as(Manifests.find(base, "Deployment", "cascade-worker"), Deployment.class);
        image = dockerfileEnv(Manifests.DEPLOY.resolveSibling("Dockerfile"));
        try (Connection c = TestDatabase.connect(SCHEMA); var s = c.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA); // empty: the pods migrate it, as on a fresh database
        }
    }

    @AfterEach
    void stopPods() {
        pods.forEach(p -> p.process().destroyForcibly());
    }

    @Test
    void apiAndWorkerPodsServeSubmitComputeAndGiveTheRunBackOnSigterm() throws Exception {
        Pod apiPod = start("api", api, "cascade.CascadeApplication", Map.of("SERVER_PORT", freePort(),
                "SERVER_ADDRESS", "127.0.0.1"));
        Pod workerPod = start("worker", worker, HangingWorker.AsDeployed.class.getName(),
                Map.of("CASCADE_PROBES_PORT", freePort(), "SERVER_PORT", freePort(), "SERVER_ADDRESS", "127.0.0.1"));
        String apiUrl = "http://127.0.0.1:" + apiPod.port("SERVER_PORT");
        String probes = "http://127.0.0.1:" + workerPod.port("CASCADE_PROBES_PORT");
        Container workerContainer = container(worker);
        Container apiContainer = container(api);

        // Both become ready as their readiness probes ask (both ran Flyway on the empty schema at once).
        long started = System.nanoTime();
        awaitStatus(apiPod, apiUrl + apiContainer.getReadinessProbe().getHttpGet().getPath(), null, 200);
        awaitStatus(workerPod, probes + workerContainer.getReadinessProbe().getHttpGet().getPath(), null, 200);
        System.out.printf("pods ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(status(probes + workerContainer.getLivenessProbe().getHttpGet().getPath(), null)).isEqualTo(200);
        assertThat(status(apiUrl + apiContainer.getLivenessProbe().getHttpGet().getPath(), null)).isEqualTo(200);
        assertThat(listening(workerPod.port("SERVER_PORT"))).as("the worker starts no web server").isFalse();

        // The API: access control on, actuator limited to health and prometheus.
        assertThat(status(apiUrl + "/experiments", null)).isEqualTo(401);
        assertThat(status(apiUrl + "/actuator/prometheus", null)).isEqualTo(401);
        assertThat(status(apiUrl + "/actuator/prometheus", token)).isEqualTo(200);
        for (String hidden : List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/env",
                "/actuator/beans", "/actuator/heapdump")) {
            assertThat(status(apiUrl + hidden, token)).as(hidden).isIn(404, 403);
        }

        // The API refuses what a worker pod could not hold: its budget is the manifest's, not its own heap's.
        HttpResponse<String> tooBig = post(apiUrl + "/experiments", spec(25_000, "kernel-ridge"));
        assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(422);
        assertThat(JSON.readTree(tooBig.body()).path("memory").path("budgetBytes").asLong())
                .isEqualTo(org.springframework.util.unit.DataSize.parse(
                        Manifests.env(apiContainer, "CASCADE_EXPERIMENTS_MEMORYBUDGET")).toBytes());

        HttpResponse<String> accepted = post(apiUrl + "/experiments", spec(1600, "ridge"));
        assertThat(accepted.statusCode()).as(accepted.body()).isIn(201, 202);
        String experiment = JSON.readTree(accepted.body()).path("id").asText();

        String claimed = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .alias("the worker pod claims a run").until(() -> {
                    assertThat(workerPod.process().isAlive()).as(workerPod.tail()).isTrue();
                    return scalar("SELECT id::text FROM run WHERE status = 'RUNNING' AND leased_by LIKE '"
                            + workerPod.process().pid() + "@%'", String.class);
                }, id -> id != null);
        long runs = scalar("SELECT count(*) FROM run WHERE experiment_id = '" + experiment + "'", Long.class);

        // Both autoscaling inputs see the outstanding runs: KEDA's query and the API's gauges.
        String kedaQuery = Manifests.render(Manifests.DEPLOY.resolve("keda")).stream()
                .filter(o -> o.path("kind").asText().equals("ScaledObject")).findFirst().orElseThrow()
                .path("spec").path("triggers").get(0).path("metadata").path("query").asText();
        assertThat(scalar(kedaQuery, Long.class)).isEqualTo(runs);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = get(apiUrl + "/actuator/prometheus", token).body();
            assertThat(gauge(metrics, "cascade_queue_depth") + gauge(metrics, "cascade_runs{status=\"RUNNING\"")).isEqualTo(runs);
        });
        System.out.printf("worker pod RSS while computing: %d MiB%n", rssKib(workerPod.process()) / 1024);

        // SIGTERM, as the kubelet stops a pod: the run goes back to the queue before the grace period ends.
        long term = System.nanoTime();
        workerPod.process().destroy();
        long grace = worker.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(workerPod.process().waitFor(grace, TimeUnit.SECONDS)).as("exits within terminationGracePeriodSeconds "
                + grace + "\n" + workerPod.tail()).isTrue();
        System.out.printf("worker pod stopped %.1f s after SIGTERM%n", (System.nanoTime() - term) / 1e9);
        assertThat(workerPod.process().exitValue()).as("exit after SIGTERM\n" + workerPod.tail()).isEqualTo(128 + 15);
        assertThat(scalar("SELECT status FROM run WHERE id = '" + claimed + "'", String.class)).isEqualTo("QUEUED");
        assertThat(scalar("SELECT attempts FROM run WHERE id = '" + claimed + "'", Integer.class))
                .as("the interrupted attempt is not counted").isZero();
        assertThat(scalar(kedaQuery, Long.class)).as("still outstanding for the autoscaler").isEqualTo(runs);
        assertThat(Files.readString(workerPod.log())).contains("stopped").doesNotContain("ERROR");
        JsonNode view = JSON.readTree(get(apiUrl + "/experiments/" + experiment, token).body());
        assertThat(view.path("status").asText()).isEqualTo("QUEUED");

        // Nothing was written outside /tmp: not the working directory, and home could not be.
        assertThat(workdir).isEmptyDirectory();
        Matcher cache = Pattern.compile("-Dorg\\.bytedeco\\.javacpp\\.cachedir=(\\S+)")
                .matcher(Manifests.env(workerContainer, "JAVA_TOOL_OPTIONS"));
        assertThat(cache.find()).as("the worker's JAVA_TOOL_OPTIONS name a JavaCPP cache dir").isTrue();
        assertThat(Path.of(cache.group(1))).as("OpenBLAS unpacked into the JavaCPP cache dir").isNotEmptyDirectory();
    }

    @Test
    void theImageRefusesToStartWithoutADatabaseServer() throws Exception {
        Map<String, String> noDatabase = new LinkedHashMap<>();
        noDatabase.put("SPRING_DATASOURCE_URL", null);
        noDatabase.put("SERVER_PORT", freePort());
        noDatabase.put("SERVER_ADDRESS", "127.0.0.1");
        Pod pod = start("no-database", api, "cascade.CascadeApplication", noDatabase);
        assertThat(pod.process().waitFor(120, TimeUnit.SECONDS)).as(pod.tail()).isTrue();
        assertThat(pod.process().exitValue()).isNotZero();
        assertThat(Files.readString(pod.log())).contains("no PostgreSQL configured: set SPRING_DATASOURCE_URL")
                .doesNotContain("starting embedded PostgreSQL");
        assertThat(workdir).isEmptyDirectory();
    }

    // --- starting a pod --------------------------------------------------------------------------

    /**
     * Starts the container of a Deployment as a JVM: image ENV, then the container's env (Secrets
     * resolved), then {@code overrides} (a null value removes the variable).
     */
    Pod start(String name, Deployment deployment, String mainClass, Map<String, String> overrides) throws IOException {
        Container c = container(deployment);
        Map<String, String> env = new LinkedHashMap<>(image);
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValueFrom() == null ? e.getValue() : secret(e));
        }
        overrides.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        if (overrides.containsKey("SPRING_DATASOURCE_URL") && overrides.get("SPRING_DATASOURCE_URL") == null) {
            env.remove("SPRING_DATASOURCE_USERNAME");
            env.remove("SPRING_DATASOURCE_PASSWORD");
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        if (mainClass.startsWith("cascade.CascadeApplication")) {
            // the production classpath: nothing compiled from src/test
            classpath = java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
                    .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                    .collect(Collectors.joining(java.io.File.pathSeparator));
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", // the image's ENTRYPOINT
                "-Duser.home=" + UNWRITABLE_HOME, "-cp", classpath, mainClass);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        Path log = Files.createTempFile("cascade-pod-" + name + "-", ".log");
        pb.redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", UNWRITABLE_HOME.toString());
        pb.environment().putAll(env);
        Pod pod = new Pod(name, pb.start(), log, Map.copyOf(env));
        pods.add(pod);
        return pod;
    }

    /** The Secrets of secrets.example.yaml, filled in for this machine. */
    String secret(EnvVar e) {
        var ref = e.getValueFrom().getSecretKeyRef();
        return switch (ref.getName() + "/" + ref.getKey()) {
            case "cascade-db/SPRING_DATASOURCE_URL" -> TestDatabase.url(SCHEMA);
            case "cascade-db/SPRING_DATASOURCE_USERNAME" -> TestDatabase.user();
            case "cascade-db/SPRING_DATASOURCE_PASSWORD" -> TestDatabase.password();
            case "cascade-access/CASCADE_ACCESS_BOOTSTRAPTOKEN" -> token;
            default -> throw new AssertionError("no test value for Secret " + ref.getName() + " key " + ref.getKey());
        };
    }

    /** ENV lines of the Dockerfile's final stage ("ENV NAME=value" or "ENV NAME=\"value\""). */
    static Map<String, String> dockerfileEnv(Path dockerfile) throws IOException {
        List<String> lines = Files.readAllLines(dockerfile);
        int last = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^ENV ([A-Z_][A-Z0-9_]*)=(\"([^\"]*)\"|(\\S+))$");
        for (String l : lines.subList(last, lines.size())) {
            if (l.startsWith("ENV ")) {
                Matcher m = line.matcher(l);
                assertThat(m.matches()).as("one NAME=value per ENV line: " + l).isTrue();
                env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
            }
        }
        assertThat(env).as("image ENV").isNotEmpty();
        return env;
    }

    // --- talking to the pods -----------------------------------------------------------------------

    void awaitStatus(Pod pod, String url, String bearer, int expected) {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).alias(pod.name() + " " + url)
                .until(() -> {
                    assertThat(pod.process().isAlive()).as(pod.name() + " alive\n" + pod.tail()).isTrue();
                    try {
                        return status(url, bearer);
                    } catch (ConnectException notYet) {
                        return -1;
                    }
                }, s -> s == expected);
    }

    int status(String url, String bearer) throws Exception {
        return get(url, bearer).statusCode();
    }

    HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A small spec: one estimator of the kind, up to n training rows. */
    static String spec(int n, String estimator) {
        String e = estimator.equals("kernel-ridge")
                ? "{\"kind\": \"kernel-ridge\", \"kernel\": {\"kind\": \"quadratic\"}, \"ridge\": 0.001, \"maxTrain\": " + n + "}"
                : "{\"kind\": \"" + estimator + "\"}";
        return """
                {"name": "deployed-pods", "teacher": {"kind": "hierarchical", "input": "gaussian-equivalent", "d": 8, "p": 3},
                 "estimators": [{"kind": "hierarchical-spectral", "name": "spectral"}, %s],
                 "sweep": {"n": {"from": 200, "to": %d, "points": 2}, "seeds": 1}, "test": {"n": 500}}
                """.formatted(e, n);
    }

    static double gauge(String prometheus, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "[^ ]* ([0-9.eE+-]+)$").matcher(prometheus);
        assertThat(m.find()).as(series + " in /actuator/prometheus:\n" + prometheus.lines()
                .filter(l -> l.startsWith("cascade_")).collect(Collectors.joining("\n"))).isTrue();
        return Double.parseDouble(m.group(1));
    }

    static <T> T scalar(String sql, Class<T> type) throws SQLException {
        try (Connection c = TestDatabase.connect(SCHEMA); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1, type) : null;
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    static String freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        }
    }

    static long rssKib(Process p) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElse(-1);
    }
}
