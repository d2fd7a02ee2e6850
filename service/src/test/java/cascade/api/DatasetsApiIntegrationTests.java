package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cascade.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * POST/GET/DELETE /datasets and an experiment on an uploaded dataset, end to end against real
 * PostgreSQL with real workers. Fixture files come from NumPy (src/test/resources/datasets); the
 * checksums below were computed by coreutils sha256sum on those files, independently of the code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms", "cascade.datasets.max-size=64KB"})
class DatasetsApiIntegrationTests {

    static final OpenApiContract CONTRACT = OpenApiContract.load();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** sha256sum src/test/resources/datasets/data.csv and data.npz. */
    static final String CSV_SHA256 = "cc05df61f6e5d8c029c29b613719b9dbeef2bef818113f66b994d3786db83f76";
    static final String NPZ_SHA256 = "cf49f0b503b8f22b5f26ce2d561c13ce8ab89d9b5abdfb568b564ef1f3bd394f";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "it_datasets");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    cascade.experiments.Experiments experiments;

    @BeforeEach
    void clean() {
        TestDatabase.truncate(jdbc, "experiment, run, dataset, dataset_chunk");
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = DatasetsApiIntegrationTests.class.getResourceAsStream("/datasets/" + name)) {
            return in.readAllBytes();
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> upload(String query, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/datasets?" + query)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** multipart/form-data written by hand (RFC 7578), parts name -> (filename, bytes). */
    HttpResponse<String> uploadParts(String query, Map<String, byte[]> parts) throws Exception {
        String boundary = "cascade-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> p : parts.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.getKey() + "\"; filename=\""
                    + p.getKey() + ".npy\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(p.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return upload(query, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    HttpResponse<String> send(String method, String path, String jsonBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode tree(HttpResponse<String> r) throws Exception {
        return OpenApiContract.JSON.readTree(r.body());
    }

    static void assertValid(String schema, HttpResponse<String> r) {
        assertThat(CONTRACT.validate(schema, r.body())).as(schema + ": " + r.body()).isEmpty();
    }

    static void assertProblem(HttpResponse<String> r, int status, String field, String detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertValid("Problem", r);
        if (detail != null) {
            assertThat(tree(r).get("detail").asText()).contains(detail);
        }
        if (field != null) {
            assertThat(tree(r).get("errors").findValuesAsText("field")).contains(field);
        }
    }

    static String sha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void csvNpzAndNpyPairUploadsReturnMetadataAndChecksums() throws Exception {
        HttpResponse<String> csv = upload("name=tiny%20csv", "text/csv", fixture("data.csv"));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(201);
        assertValid("Dataset", csv);
        JsonNode d = tree(csv);
        assertThat(csv.headers().firstValue("Location")).hasValue("/datasets/" + d.get("id").asText());
        assertThat(d.get("sha256").asText()).isEqualTo(CSV_SHA256);
        assertThat(d.get("name").asText()).isEqualTo("tiny csv");
        assertThat(d.get("format").asText()).isEqualTo("csv");
        assertThat(d.get("rows").asInt()).isEqualTo(6);
        assertThat(d.get("columns").asInt()).isEqualTo(3);
        assertThat(d.get("sizeBytes").asLong()).isEqualTo(fixture("data.csv").length);
        assertThat(d.get("labels").get("classes").findValuesAsText("count")).containsExactly("2", "2", "2");

        HttpResponse<String> npz = upload("name=tiny-npz&format=npz", "application/octet-stream", fixture("data.npz"));
        assertThat(npz.statusCode()).as(npz.body()).isEqualTo(201);
        assertThat(tree(npz).get("sha256").asText()).isEqualTo(NPZ_SHA256);
        assertThat(tree(npz).get("rows").asInt()).isEqualTo(6);

        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("features", fixture("images-u8.npy"));
        parts.put("labels", fixture("labels-big-endian.npy"));
        HttpResponse<String> npy = uploadParts("name=images", parts);
        assertThat(npy.statusCode()).as(npy.body()).isEqualTo(201);
        assertValid("Dataset", npy);
        assertThat(tree(npy).get("format").asText()).isEqualTo("npy");
        assertThat(tree(npy).get("columns").asInt()).isEqualTo(12);
        assertThat(tree(npy).get("sha256").asText())
                .isEqualTo(sha256(fixture("images-u8.npy"), fixture("labels-big-endian.npy")));
        assertThat(tree(npy).get("labels").get("mean").asDouble()).isEqualTo((1.5 - 2.0 + 3.25 + 0.0) / 4);
    }

    @Test
    void invalidUploadsAreProblemDetailsNamingTheProblemAndStoreNothing() throws Exception {
        assertProblem(upload("name=bad", "text/csv", "a,b,label\n1,2,0\n3,abc,1\n".getBytes(StandardCharsets.UTF_8)),
                400, "body", "row 2 (line 3), column 2 ('b'): 'abc' is not a number");
        assertProblem(uploadParts("name=nan", Map.of("features", fixture("features-nan.npy"),
                "labels", fixture("labels.npy"))), 400, "features", "row 5, column 3: NaN");
        assertProblem(uploadParts("name=complex", Map.of("features", fixture("complex.npy"),
                "labels", fixture("labels.npy"))), 400, "features", "unsupported dtype '<c16'");
        assertProblem(uploadParts("name=short", Map.of("features", fixture("features.npy"),
                "labels", fixture("labels-short.npy"))), 400, "labels", "label count mismatch: 5 labels for 6");
        assertProblem(uploadParts("name=shape", Map.of("features", fixture("features-1d.npy"),
                "labels", fixture("labels.npy"))), 400, "features", "must be a 2-D array");
        assertProblem(upload("name=wrong&format=npz", "application/octet-stream", fixture("wrong-names.npz")),
                400, "body", "no array 'x' (arrays: a, b)");
        for (String name : List.of("../etc", "a/b", "back\\slash", "tab\there", "..")) {
            assertProblem(upload("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), "text/csv",
                    fixture("data.csv")), 400, "name", null);
        }
        assertProblem(upload("format=csv", "text/csv", fixture("data.csv")), 400, "name", null);
        assertProblem(upload("name=x", "application/octet-stream", fixture("data.csv")), 400, "format", null);
        // No handler matches this Content-Type, so Spring answers before cascade.api's advice applies.
        assertThat(upload("name=x", "application/json", fixture("data.csv")).statusCode()).isEqualTo(415);
        assertThat(tree(send("GET", "/datasets", null)).get("items")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM dataset_chunk").query(Integer.class).single()).isZero();
    }

    @Test
    void uploadsOverTheSizeLimitAre413WithOrWithoutContentLength() throws Exception {
        StringBuilder big = new StringBuilder("a,label\n");
        while (big.length() <= 70 * 1024) {
            big.append("1.0,0\n");
        }
        byte[] body = big.toString().getBytes(StandardCharsets.UTF_8);
        assertProblem(upload("name=big", "text/csv", body), 413, null, "65536 bytes");
        // Chunked transfer: no Content-Length, so the limit is enforced while streaming.
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(uri("/datasets?name=big"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, 413, null, "limit");
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("features", body);
        parts.put("labels", fixture("labels.npy"));
        assertProblem(uploadParts("name=big", parts), 413, null, null);
        assertThat(jdbc.sql("SELECT count(*) FROM dataset").query(Integer.class).single()).isZero();
    }

    @Test
    void listGetAndDeleteWith409WhileAnExperimentUsesIt() throws Exception {
        String first = tree(upload("name=first", "text/csv", fixture("data.csv"))).get("id").asText();
        String second = tree(upload("name=second&format=npz", "application/zip", fixture("data.npz"))).get("id").asText();
        HttpResponse<String> list = send("GET", "/datasets", null);
        assertValid("DatasetPage", list);
        assertThat(tree(list).get("items").findValuesAsText("id")).containsExactly(second, first);
        HttpResponse<String> one = send("GET", "/datasets/" + first, null);
        assertValid("Dataset", one);
        assertThat(tree(one).get("name").asText()).isEqualTo("first");

        // A queued run that no worker may claim yet (available tomorrow) keeps the experiment active.
        UUID experiment = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO experiment (id, name, owner, spec, status, runs_total, created_at)
                VALUES (?, 'uses', 'local', ?::jsonb, 'QUEUED', 1, now())""")
                .params(experiment, "{\"teacher\": {\"kind\": \"dataset\", \"id\": \"" + first + "\"}}").update();
        jdbc.sql("""
                INSERT INTO run (id, experiment_id, estimator_index, estimator, n, seed, status, max_attempts,
                                 available_at, created_at)
                VALUES (gen_random_uuid(), ?, 0, 'ridge', 4, 0, 'QUEUED', 3, now() + interval '1 day', now())""")
                .param(experiment).update();
        HttpResponse<String> conflict = send("DELETE", "/datasets/" + first, null);
        assertProblem(conflict, 409, null, experiment.toString());
        jdbc.sql("UPDATE run SET status = 'CANCELLED' WHERE experiment_id = ?").param(experiment).update();
        assertThat(send("DELETE", "/datasets/" + first, null).statusCode()).isEqualTo(204);
        assertProblem(send("GET", "/datasets/" + first, null), 404, null, null);
        assertProblem(send("DELETE", "/datasets/" + first, null), 404, null, null);
        assertThat(jdbc.sql("SELECT count(*) FROM dataset_chunk WHERE dataset_id = ?").param(UUID.fromString(first))
                .query(Integer.class).single()).isZero();
        assertThat(tree(send("GET", "/datasets", null)).get("items").findValuesAsText("id")).containsExactly(second);
    }

    /** 300 rows, 4 features x ~ N(0, I); class = 2 [x0 + x1 > 0] + [x2 > 0] in {0, 1, 2, 3}. */
    static byte[] classes() {
        Random rng = new Random(5);
        StringBuilder sb = new StringBuilder("x0,x1,x2,x3,label\n");
        for (int i = 0; i < 300; i++) {
            double[] x = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            int label = 2 * (x[0] + x[1] > 0 ? 1 : 0) + (x[2] > 0 ? 1 : 0);
            sb.append(x[0]).append(',').append(x[1]).append(',').append(x[2]).append(',').append(x[3]).append(',')
                    .append(label).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> spec(String id, Object n, List<Map<String, Object>> estimators) {
        return Map.of("name", "on-dataset",
                "teacher", Map.of("kind", "dataset", "id", id,
                        "labels", Map.of("binary", Map.of("positive", List.of(2, 3)))),
                "estimators", estimators, "sweep", Map.of("n", n, "seeds", 2), "test", Map.of("n", 1000));
    }

    @Test
    void anExperimentOnAnUploadedDatasetRunsToResultsWithClassificationError() throws Exception {
        String id = tree(upload("name=classes", "text/csv", classes())).get("id").asText();
        List<Map<String, Object>> estimators = List.of(Map.of("kind", "ridge"),
                Map.of("kind", "kernel-ridge", "maxTrain", 200), Map.of("kind", "random-features", "width", 64));
        HttpResponse<String> submitted = send("POST", "/experiments",
                OpenApiContract.JSON.writeValueAsString(spec(id, List.of(60, 120, 240), estimators)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String experiment = tree(submitted).get("id").asText();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                tree(send("GET", "/experiments/" + experiment, null)).get("status").asText().equals("SUCCEEDED"));
        HttpResponse<String> result = send("GET", "/experiments/" + experiment + "/results", null);
        assertValid("Result", result);
        JsonNode curves = tree(result).get("curves");
        assertThat(curves).hasSize(3 * 3);
        for (JsonNode curve : curves) {
            assertThat(curve.get("metrics").has("nmse")).isTrue();
            assertThat(curve.get("metrics").has("overlapA")).isFalse();
            assertThat(curve.has("directions")).isFalse();
            // The positive class is [x0 + x1 > 0], a linear rule: every estimator beats chance (0.5).
            assertThat(curve.get("metrics").get("classificationError").get("mean").asDouble())
                    .as(curve.toString()).isLessThan(0.4);
        }
        // While the experiment is finished, the dataset may be deleted.
        assertThat(send("DELETE", "/datasets/" + id, null).statusCode()).isEqualTo(204);
    }

    @Test
    void theTeacherCatalogDocumentsTheDatasetKindAndThePreset() throws Exception {
        HttpResponse<String> teachers = send("GET", "/teachers", null);
        assertThat(CONTRACT.validateArray("Kind", teachers.body())).isEmpty();
        JsonNode dataset = null;
        for (JsonNode kind : tree(teachers)) {
            if (kind.get("kind").asText().equals("dataset")) {
                dataset = kind;
            }
        }
        assertThat(dataset).isNotNull();
        assertThat(dataset.get("parameters").findValuesAsText("name"))
                .containsExactly("id", "labels", "standardize", "testFraction");
        assertThat(dataset.toString()).contains("cifar10-animal-vs-vehicle");
    }

    @Test
    void specsOnDatasetsAreCheckedAtSubmission() throws Exception {
        String id = tree(upload("name=classes", "text/csv", classes())).get("id").asText();
        // 300 rows, testFraction 0.2: 240 training rows.
        HttpResponse<String> tooMany = send("POST", "/experiments", OpenApiContract.JSON.writeValueAsString(
                spec(id, List.of(100, 241), List.of(Map.of("kind", "hierarchical-spectral")))));
        assertProblem(tooMany, 400, "sweep.n", null);
        assertThat(tree(tooMany).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("sweep.n",
                "estimators[0].kind");
        assertProblem(send("POST", "/experiments", OpenApiContract.JSON.writeValueAsString(
                spec(UUID.randomUUID().toString(), List.of(100), List.of(Map.of("kind", "ridge"))))),
                400, "teacher.id", null);
        assertThat(jdbc.sql("SELECT count(*) FROM experiment").query(Integer.class).single()).isZero();
    }

    @Test
    void aSubmissionWhoseDatasetIsGoneByCommitTimeIsRefused() {
        // Parsed without the catalog (as if the dataset was deleted between parsing and storing):
        // the submission's own transaction looks the dataset up under a share lock and rolls back.
        var spec = cascade.engine.spec.SpecParser.parse(spec(UUID.randomUUID().toString(), List.of(100),
                List.of(Map.of("kind", "ridge"))));
        // The shape is what the parser's catalog saw before the dataset went away.
        var shapeAtParse = new cascade.engine.spec.DatasetShape(1000, 3, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> experiments.submit(spec, "local", null, shapeAtParse))
                .isInstanceOfSatisfying(cascade.engine.spec.InvalidSpecException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("teacher.id"));
        assertThat(jdbc.sql("SELECT count(*) FROM experiment").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM run").query(Integer.class).single()).isZero();
    }
}
