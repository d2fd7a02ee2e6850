package cascade.system;

import static cascade.Manifests.container;
import static cascade.Manifests.env;
import static cascade.Manifests.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import cascade.Manifests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * deploy/ validated offline, as CI can (no cluster, no network): every object of every file and of
 * every rendered kustomization against its schema ({@link Manifests}), the references between
 * them, and the numbers the README derives (memory, shutdown, connections, autoscaling target).
 */
class DeployManifestsTests {

    static final Path SECRETS = Manifests.DEPLOY.resolve("secrets.example.yaml");
    static final Path ADAPTER = Manifests.DEPLOY.resolve("hpa/prometheus-adapter-values.yaml");
    static final Path DOCKERFILE = Manifests.DEPLOY.resolveSibling("Dockerfile");

    @Test
    void everyObjectInEveryFileMatchesItsSchema() {
        List<String> errors = new ArrayList<>();
        int objects = 0;
        for (Path file : Manifests.yamlFiles()) {
            if (Manifests.isKustomization(file) || file.equals(ADAPTER)) {
                continue; // rendered below; Helm values for another chart, checked below
            }
            for (JsonNode object : Manifests.read(file)) {
                objects++;
                Manifests.validate(object).forEach(e -> errors.add(Manifests.DEPLOY.relativize(file) + ": " + e));
            }
        }
        assertThat(errors).isEmpty();
        assertThat(objects).as("objects in deploy/").isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyKustomizationRendersToValidObjectsThatReferToEachOther() {
        assertThat(Manifests.kustomizations()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("base", "keda", "hpa");
        List<JsonNode> secrets = Manifests.read(SECRETS);
        for (Path dir : Manifests.kustomizations()) {
            List<JsonNode> objects = Manifests.render(dir);
            List<String> errors = new ArrayList<>();
            objects.forEach(o -> errors.addAll(Manifests.validate(o)));
            assertThat(errors).as(dir.getFileName().toString()).isEmpty();
            assertThat(objects.stream().map(Manifests::id).collect(Collectors.toSet())).as("no duplicates")
                    .hasSameSizeAs(objects);
            assertReferences(dir.getFileName().toString(), objects, secrets);
        }
    }

    /** Where kubectl is installed (this machine image has it), its kustomize renders the same objects. */
    @Test
    void kubectlKustomizeRendersTheSameObjects() throws Exception {
        assumeThat(onPath("kubectl")).as("kubectl on PATH").isTrue();
        for (Path dir : Manifests.kustomizations()) {
            Path out = Files.createTempFile("cascade-kustomize-", ".yaml");
            try {
                Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("kubectl kustomize " + dir).isZero();
                assertThat(new HashSet<>(Manifests.read(out))).as(dir.toString())
                        .isEqualTo(new HashSet<>(Manifests.render(dir)));
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    @Test
    void typosAndWrongTypesFail() {
        List<JsonNode> keda = Manifests.render(Manifests.DEPLOY.resolve("keda"));
        List<JsonNode> hpa = Manifests.render(Manifests.DEPLOY.resolve("hpa"));
        JsonNode worker = find(keda, "Deployment", "cascade-worker");
        JsonNode scaled = find(keda, "ScaledObject", "cascade-worker");
        String c = "spec.template.spec.containers.0.";
        Map<JsonNode, String> bad = new java.util.LinkedHashMap<>();
        bad.put(Manifests.with(worker, c + "imagePullPolcy", text("Always")), "imagePullPolcy");
        bad.put(Manifests.with(worker, "spec.replica", IntNode.valueOf(2)), "replica");
        bad.put(Manifests.with(worker, "spec.replicas", text("2")), "replicas");
        bad.put(Manifests.with(worker, c + "env.0.value", IntNode.valueOf(2)), "value");
        bad.put(Manifests.with(worker, c + "livenessProbe.httpGet.paht", text("/livez")), "paht");
        bad.put(Manifests.with(worker, c + "resources.limits.memory", text("10 gigs")), "memory");
        bad.put(Manifests.with(worker, "apiVersion", text("apps/v1beta1")), "no schema");
        bad.put(Manifests.with(find(keda, "PodDisruptionBudget", "cascade-worker"), "spec.maxUnavailble",
                IntNode.valueOf(1)), "maxUnavailble");
        bad.put(Manifests.with(find(keda, "NetworkPolicy", "cascade-worker"), "spec.policyType",
                JsonNodeFactory.instance.arrayNode()), "policyType");
        bad.put(Manifests.with(scaled, "spec.pollingIntervall", IntNode.valueOf(15)), "pollingIntervall");
        bad.put(Manifests.with(scaled, "spec.triggers.0.metadata.targetQueryVaue", text("1")), "targetQueryVaue");
        bad.put(Manifests.with(scaled, "spec.triggers.0.metadata.targetQueryValue", IntNode.valueOf(1)),
                "targetQueryValue");
        bad.put(Manifests.with(scaled, "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.window",
                IntNode.valueOf(1)), "window");
        bad.put(Manifests.with(scaled, "metadata.nmae", text("x")), "nmae");
        bad.put(Manifests.with(find(keda, "TriggerAuthentication", "cascade-db"), "spec.secretTargetRef.0.keys",
                text("x")), "keys");
        bad.put(Manifests.with(find(hpa, "HorizontalPodAutoscaler", "cascade-worker"), "spec.maxReplica",
                IntNode.valueOf(3)), "maxReplica");
        bad.forEach((object, field) -> assertThat(Manifests.validate(object)).as(field)
                .anySatisfy(e -> assertThat(e).contains(field)));
        assertThat(Manifests.validate(worker)).as("the unmodified object").isEmpty();
        assertThatThrownBy(() -> Manifests.render(Manifests.DEPLOY.resolve("nowhere")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void podsRunAsTheImageUserWithAReadOnlyRootAndWriteOnlyToEmptyDirs() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);
        assertThat(user.find()).as("numeric USER uid:gid in the Dockerfile").isTrue();
        long uid = Long.parseLong(user.group(1));
        assertThat(uid).isPositive();
        assertThat(dockerfile).contains("CASCADE_DB_EMBEDDED=false")
                .containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-Dorg\\.bytedeco\\.javacpp\\.cachedir=/tmp/");
        for (Deployment d : deployments()) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = d.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(uid);
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            Container c = container(d);
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
            Set<String> emptyDirs = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null)
                    .map(Volume::getName).collect(Collectors.toSet());
            List<String> writable = c.getVolumeMounts().stream().filter(m -> emptyDirs.contains(m.getName()))
                    .map(VolumeMount::getMountPath).toList();
            assertThat(writable).as(name + " writes to /tmp only").containsExactly("/tmp");
            String jvm = env(c, "JAVA_TOOL_OPTIONS");
            assertThat(jvm).as(name).contains("-Dorg.bytedeco.javacpp.cachedir=/tmp/");
            assertThat(c.getEnv()).as(name + ": the database always comes from the Secret").anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("SPRING_DATASOURCE_URL");
                assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("cascade-db");
            });
        }
    }

    @Test
    void theWorkerRunsWithoutWebServerAndTheApiWithAccessControlAndNoWorkers() {
        Container worker = container(deployment("cascade-worker"));
        assertThat(env(worker, "SPRING_MAIN_WEB_APPLICATION_TYPE")).isEqualTo("none");
        assertThat(env(worker, "CASCADE_JOBS_ENABLED")).isEqualTo("true");
        assertThat(env(worker, "CASCADE_ACCESS_ENABLED")).as("no web server: the image's token file stays untouched")
                .isEqualTo("false");
        for (Probe probe : List.of(worker.getStartupProbe(), worker.getLivenessProbe(), worker.getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("probes");
        }
        assertThat(worker.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("probes");
            assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(env(worker, "CASCADE_PROBES_PORT")));
        });
        assertThat(worker.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/livez");
        assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");

        Container api = container(deployment("cascade-api"));
        assertThat(env(api, "CASCADE_ACCESS_ENABLED")).isEqualTo("true");
        assertThat(env(api, "SERVER_ADDRESS")).as("reachable from the Service").isEqualTo("0.0.0.0");
        assertThat(env(api, "CASCADE_JOBS_ENABLED")).isEqualTo("false");
        assertThat(api.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("CASCADE_ACCESS_BOOTSTRAPTOKEN");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("cascade-access");
        });
        assertThat(api.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(api.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        // The example bootstrap token is too short for the service (32 characters): it cannot be deployed as is.
        Secret access = Manifests.as(find(Manifests.read(SECRETS), "Secret", "cascade-access"), Secret.class);
        assertThat(access.getStringData().get("CASCADE_ACCESS_BOOTSTRAPTOKEN")).hasSizeLessThan(32);
    }

    /**
     * The arithmetic of worker.yaml: heap = MaxRAMPercentage x limit; the API's budget (what it
     * accepts) = 3/4 of that heap / workers per pod, the service's default for a worker JVM; the
     * heap holds a run, the dataset cache and the service; the container holds the heap, the
     * run's off-heap part (at most 2/3 of its estimate: MemoryEstimate counts a LAPACK matrix as
     * heap array + JavaCPP copy + LAPACKE transpose) and 512 MiB of JVM overhead.
     */
    @Test
    void memoryRequestsFollowFromTheMemoryEstimateBudget() {
        Container worker = container(deployment("cascade-worker"));
        long limit = bytes(worker.getResources().getLimits().get("memory"));
        assertThat(bytes(worker.getResources().getRequests().get("memory"))).as("Guaranteed: request = limit")
                .isEqualTo(limit);
        double percent = jvmOption(env(worker, "JAVA_TOOL_OPTIONS"), "MaxRAMPercentage");
        long heap = (long) (limit * percent / 100);
        int workers = Integer.parseInt(env(worker, "CASCADE_JOBS_WORKERS"));
        long budget = DataSize.parse(env(container(deployment("cascade-api")), "CASCADE_EXPERIMENTS_MEMORYBUDGET"))
                .toBytes();
        assertThat(budget).as("API budget = 3/4 heap / workers").isEqualTo(heap / 4 * 3 / workers);
        long datasetCache = DataSize.parse(env(worker, "CASCADE_DATASETS_CACHESIZE")).toBytes();
        long mib = 1024L * 1024;
        assertThat(workers * budget + datasetCache + 256 * mib).as("heap holds runs, dataset cache, service")
                .isLessThanOrEqualTo(heap);
        assertThat(heap + workers * budget * 2 / 3 + 512 * mib).as("container holds heap, native, JVM")
                .isLessThanOrEqualTo(limit);
        assertThat(env(worker, "CASCADE_JOBS_BLASTHREADS")).as("workers x BLAS threads = CPUs")
                .isEqualTo(String.valueOf((int) worker.getResources().getLimits().get("cpu").getNumericalAmount()
                        .doubleValue() / workers));
        // The largest example (README: examples/scaling-law.json, 4.0 GiB) runs on this deployment.
        assertThat(budget).isGreaterThanOrEqualTo(4L * 1024 * mib);
    }

    @Test
    void podsGetLongerToStopThanTheServiceNeedsToReleaseItsWork() throws IOException {
        Deployment worker = deployment("cascade-worker");
        Duration grace = DurationStyle.detectAndParse(env(container(worker), "CASCADE_JOBS_SHUTDOWNGRACE"));
        long termination = worker.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(termination).as("worker: shutdown grace + 10 s").isGreaterThanOrEqualTo(grace.toSeconds() + 10);

        Deployment api = deployment("cascade-api");
        Duration phase = DurationStyle.detectAndParse(applicationProperty("spring.lifecycle.timeout-per-shutdown-phase"));
        List<String> preStop = container(api).getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop.getFirst()).isEqualTo("sleep");
        long sleep = Long.parseLong(preStop.get(1));
        assertThat(api.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("api: preStop + graceful web shutdown").isGreaterThan(sleep + phase.toSeconds());
    }

    @Test
    void autoscalersCountOutstandingRunsPerWorkerAndStayWithinPostgresConnections() throws IOException {
        List<JsonNode> keda = Manifests.render(Manifests.DEPLOY.resolve("keda"));
        List<JsonNode> hpa = Manifests.render(Manifests.DEPLOY.resolve("hpa"));
        Container worker = container(deployment("cascade-worker"));
        String workers = env(worker, "CASCADE_JOBS_WORKERS");

        JsonNode trigger = find(keda, "ScaledObject", "cascade-worker").path("spec").path("triggers").get(0);
        assertThat(trigger.path("type").asText()).isEqualTo("postgresql");
        assertThat(trigger.path("metadata").path("query").asText())
                .contains("FROM run").contains("'QUEUED'").contains("'RUNNING'");
        assertThat(Double.parseDouble(trigger.path("metadata").path("targetQueryValue").asText()))
                .isEqualTo(Double.parseDouble(workers));

        HorizontalPodAutoscaler h = Manifests.as(find(hpa, "HorizontalPodAutoscaler", "cascade-worker"),
                HorizontalPodAutoscaler.class);
        var metric = h.getSpec().getMetrics().getFirst().getExternal();
        assertThat(metric.getTarget().getAverageValue().getNumericalAmount().doubleValue())
                .isEqualTo(Double.parseDouble(workers));
        JsonNode adapter = Manifests.read(ADAPTER).getFirst();
        JsonNode rule = adapter.path("rules").path("external").get(0);
        assertThat(rule.path("name").path("as").asText()).isEqualTo(metric.getMetric().getName());
        assertThat(rule.path("seriesQuery").asText()).contains("cascade_queue_depth");
        assertThat(rule.path("metricsQuery").asText()).contains("cascade_queue_depth")
                .contains("cascade_runs{status=\"RUNNING\"");

        // PostgreSQL's default max_connections is 100 (3 reserved for superusers): at the largest
        // scale every pool full still leaves room for KEDA, migrations and an operator's psql.
        int maxWorkers = find(keda, "ScaledObject", "cascade-worker").path("spec").path("maxReplicaCount").asInt();
        assertThat(maxWorkers).isEqualTo(h.getSpec().getMaxReplicas());
        int workerPool = Integer.parseInt(env(worker, "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE"));
        Deployment api = deployment("cascade-api");
        int apiPool = Integer.parseInt(applicationProperty("spring.datasource.hikari.maximum-pool-size"));
        assertThat(env(container(api), "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE")).isNull();
        assertThat(maxWorkers * workerPool + api.getSpec().getReplicas() * apiPool).isLessThanOrEqualTo(80);
    }

    @Test
    void theExampleSecretsHoldEveryKeyThePodsReadAndOneDatabase() {
        Map<String, Map<String, String>> secrets = new java.util.HashMap<>();
        for (JsonNode s : Manifests.read(SECRETS)) {
            Secret secret = Manifests.as(s, Secret.class);
            secrets.put(secret.getMetadata().getName(), secret.getStringData());
        }
        Map<String, String> db = secrets.get("cascade-db");
        URI jdbc = URI.create(db.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
        URI keda = URI.create(db.get("KEDA_POSTGRESQL_CONNECTION"));
        assertThat(keda.getHost()).isEqualTo(jdbc.getHost());
        assertThat(keda.getPort()).isEqualTo(jdbc.getPort());
        assertThat(keda.getPath()).isEqualTo(jdbc.getPath());
        assertThat(keda.getUserInfo()).startsWith(db.get("SPRING_DATASOURCE_USERNAME") + ":");
    }

    @Test
    void actuatorExposesOnlyTheDocumentedEndpoints() throws IOException {
        assertThat(applicationProperty("management.endpoints.web.exposure.include").split(","))
                .containsExactlyInAnyOrder("health", "prometheus");
        assertThat(applicationProperty("management.endpoints.web.discovery.enabled")).as("no /actuator index")
                .isEqualTo("false");
        String readme = Files.readString(Manifests.DEPLOY.resolveSibling("README.md"));
        assertThat(readme).contains("/actuator/health").contains("/actuator/prometheus");
    }

    // --- references between the objects of one rendering --------------------------------------

    static void assertReferences(String name, List<JsonNode> objects, List<JsonNode> secretDocs) {
        List<Deployment> deployments = Manifests.ofKind(objects, "Deployment").stream()
                .map(o -> Manifests.as(o, Deployment.class)).toList();
        Map<String, Map<String, String>> secrets = new java.util.HashMap<>();
        secretDocs.forEach(s -> {
            Secret secret = Manifests.as(s, Secret.class);
            secrets.put(secret.getMetadata().getName(), secret.getStringData());
        });
        for (Deployment d : deployments) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(labels).as(name + " " + d.getMetadata().getName() + ": selector matches its pods")
                    .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                Set<String> ports = c.getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
                for (Probe p : new Probe[] {c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()}) {
                    HTTPGetAction get = p == null ? null : p.getHttpGet();
                    if (get != null) {
                        assertThat(ports).as(name + " probe port").contains(get.getPort().getStrVal());
                    }
                }
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        var ref = e.getValueFrom().getSecretKeyRef();
                        assertThat(secrets).as(name + ": Secret " + ref.getName()).containsKey(ref.getName());
                        assertThat(secrets.get(ref.getName())).as(name + ": key " + ref.getKey())
                                .containsKey(ref.getKey());
                    }
                }
                Set<String> names = new TreeSet<>();
                c.getEnv().forEach(e -> assertThat(names.add(e.getName())).as("env " + e.getName() + " once").isTrue());
            }
        }
        for (JsonNode o : Manifests.ofKind(objects, "Service")) {
            Service s = Manifests.as(o, Service.class);
            assertSelectsPods(name, Manifests.id(o), s.getSpec().getSelector(), deployments);
            for (var port : s.getSpec().getPorts()) {
                assertThat(deployments.stream().flatMap(d -> container(d).getPorts().stream())
                        .anyMatch(p -> p.getName().equals(port.getTargetPort().getStrVal()))).as(name + " targetPort")
                        .isTrue();
            }
        }
        for (JsonNode o : Manifests.ofKind(objects, "PodDisruptionBudget")) {
            assertSelectsPods(name, Manifests.id(o),
                    Manifests.as(o, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels(), deployments);
        }
        for (JsonNode o : Manifests.ofKind(objects, "NetworkPolicy")) {
            assertSelectsPods(name, Manifests.id(o),
                    Manifests.as(o, NetworkPolicy.class).getSpec().getPodSelector().getMatchLabels(), deployments);
        }
        Set<String> deploymentNames = deployments.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        List<JsonNode> scalers = new ArrayList<>(Manifests.ofKind(objects, "ScaledObject"));
        scalers.addAll(Manifests.ofKind(objects, "HorizontalPodAutoscaler"));
        for (JsonNode s : scalers) {
            JsonNode target = s.path("spec").path("scaleTargetRef");
            assertThat(deploymentNames).as(name + " " + Manifests.id(s) + " target").contains(target.path("name").asText());
            assertThat(target.path("kind").asText("Deployment")).isEqualTo("Deployment");
            Deployment scaled = deployment(deployments, target.path("name").asText());
            assertThat(scaled.getSpec().getReplicas()).as("replicas left to the autoscaler").isNull();
        }
        assertThat(scalers.size()).as(name + ": at most one autoscaler per Deployment").isLessThanOrEqualTo(1);
        Set<String> auths = new HashSet<>();
        for (JsonNode a : Manifests.ofKind(objects, "TriggerAuthentication")) {
            auths.add(a.path("metadata").path("name").asText());
            for (JsonNode ref : a.path("spec").path("secretTargetRef")) {
                assertThat(secrets.get(ref.path("name").asText())).as(name + " " + Manifests.id(a))
                        .containsKey(ref.path("key").asText());
                // The postgresql scaler's authentication parameters (KEDA's postgreSQLMetadata, authParams).
                assertThat(ref.path("parameter").asText())
                        .isIn("connection", "password", "host", "port", "userName", "dbName", "sslmode");
            }
        }
        for (JsonNode s : Manifests.ofKind(objects, "ScaledObject")) {
            for (JsonNode t : s.path("spec").path("triggers")) {
                if (t.has("authenticationRef")) {
                    assertThat(auths).contains(t.path("authenticationRef").path("name").asText());
                }
            }
        }
    }

    static void assertSelectsPods(String name, String id, Map<String, String> selector, List<Deployment> deployments) {
        assertThat(selector).as(name + " " + id + " selector").isNotEmpty();
        assertThat(deployments).as(name + " " + id + " selects a Deployment's pods").anySatisfy(d ->
                assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector));
    }

    // --- helpers ---------------------------------------------------------------------------------

    static List<Deployment> deployments() {
        return Manifests.ofKind(Manifests.render(Manifests.DEPLOY.resolve("base")), "Deployment").stream()
                .map(o -> Manifests.as(o, Deployment.class)).toList();
    }

    static Deployment deployment(String name) {
        return deployment(deployments(), name);
    }

    static Deployment deployment(List<Deployment> deployments, String name) {
        return deployments.stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    static long bytes(Quantity q) {
        return Quantity.getAmountInBytes(q).longValueExact();
    }

    /** -XX:Name=value of a JVM option string. */
    static double jvmOption(String options, String name) {
        Matcher m = Pattern.compile("-XX:" + name + "=([0-9.]+)").matcher(options);
        assertThat(m.find()).as(name + " in " + options).isTrue();
        return Double.parseDouble(m.group(1));
    }

    static String applicationProperty(String name) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        String v = p.getProperty(name);
        assertThat(v).as(name + " in application.properties").isNotNull();
        return v.trim();
    }

    static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
