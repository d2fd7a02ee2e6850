package cascade.api;

import static cascade.api.ApiClient.assertProblem;
import static cascade.api.ApiClient.assertValid;
import static cascade.api.ApiClient.assertValidArray;
import static cascade.api.ApiClient.tree;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * POST/GET/DELETE /datasets and an experiment on an uploaded dataset, end to end against real
 * PostgreSQL with real workers. Fixture files come from NumPy (src/test/resources/datasets); the
 * checksums below were computed by coreutils sha256sum on those files, independently of the code.
 */
@ApiIntegrationTest(properties = {"cascade.jobs.workers=2", "cascade.jobs.poll-interval=100ms", "cascade.datasets.max-size=64KB"})
@TestSchema(value = "it_datasets", truncate = {"experiment", "run", "dataset", "dataset_chunk"})
class DatasetsApiIntegrationTests {

    /** sha256sum src/test/resources/datasets/data.csv and data.npz. */
    static final String CSV_SHA256 = "cc05df61f6e5d8c029c29b613719b9dbeef2bef818113f66b994d3786db83f76";
    static final String NPZ_SHA256 = "cf49f0b503b8f22b5f26ce2d561c13ce8ab89d9b5abdfb568b564ef1f3bd394f";

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    cascade.experiments.Experiments experiments;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = DatasetsApiIntegrationTests.class.getResourceAsStream("/datasets/" + name)) {
            return in.readAllBytes();
        }
    }

    HttpResponse<String> upload(String query, String contentType, byte[] body) throws Exception {
        return api.send(HttpRequest.newBuilder(api.uri("/datasets?" + query)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
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
        assertThat(tree(api.send("GET", "/datasets", null)).get("items")).isEmpty();
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
        HttpResponse<String> chunked = api.send(HttpRequest.newBuilder(api.uri("/datasets?name=big"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
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
        HttpResponse<String> list = api.send("GET", "/datasets", null);
        assertValid("DatasetPage", list);
        assertThat(tree(list).get("items").findValuesAsText("id")).containsExactly(second, first);
        HttpResponse<String> one = api.send("GET", "/datasets/" + first, null);
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
        HttpResponse<String> conflict = api.send("DELETE", "/datasets/" + first, null);
        assertProblem(conflict, 409, null, experiment.toString());
        jdbc.sql("UPDATE run SET status = 'CANCELLED' WHERE experiment_id = ?").param(experiment).update();
        assertThat(api.send("DELETE", "/datasets/" + first, null).statusCode()).isEqualTo(204);
        assertProblem(api.send("GET", "/datasets/" + first, null), 404, null, null);
        assertProblem(api.send("DELETE", "/datasets/" + first, null), 404, null, null);
        assertThat(jdbc.sql("SELECT count(*) FROM dataset_chunk WHERE dataset_id = ?").param(UUID.fromString(first))
                .query(Integer.class).single()).isZero();
        assertThat(tree(api.send("GET", "/datasets", null)).get("items").findValuesAsText("id")).containsExactly(second);
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
        String experiment = api.submit(spec(id, List.of(60, 120, 240), estimators));
        api.awaitStatus(experiment, "SUCCEEDED");
        HttpResponse<String> result = api.send("GET", "/experiments/" + experiment + "/results", null);
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
        assertThat(api.send("DELETE", "/datasets/" + id, null).statusCode()).isEqualTo(204);
    }

    @Test
    void theTeacherCatalogDocumentsTheDatasetKindAndThePreset() throws Exception {
        HttpResponse<String> teachers = api.send("GET", "/teachers", null);
        assertValidArray("Kind", teachers);
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
        HttpResponse<String> tooMany = api.send("POST", "/experiments",
                spec(id, List.of(100, 241), List.of(Map.of("kind", "hierarchical-spectral"))));
        assertProblem(tooMany, 400, "sweep.n", null);
        assertThat(tree(tooMany).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("sweep.n",
                "estimators[0].kind");
        assertProblem(api.send("POST", "/experiments",
                spec(UUID.randomUUID().toString(), List.of(100), List.of(Map.of("kind", "ridge")))),
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
