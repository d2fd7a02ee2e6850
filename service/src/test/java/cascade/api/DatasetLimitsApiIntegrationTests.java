package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSchema;
import cascade.engine.dataset.CraftedFiles.Entry;
import cascade.engine.dataset.CraftedFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Uploads that expand beyond their size, over HTTP: each is a 400 problem detail naming the part
 * and the limit or shape, never a 201 for a zip bomb or a 500 for an overflowing shape, and
 * nothing is stored. Limits are set small here (64 KiB uploads inflating to at most 1 MiB, 4 KiB
 * CSV lines) so that every file stays a few kilobytes.
 */
@ApiIntegrationTest(properties = {"cascade.jobs.enabled=false", "cascade.datasets.max-size=64KB",
                "cascade.datasets.max-inflated-size=1MB", "cascade.datasets.max-line-length=4KB"})
@TestSchema(value = "it_dataset_limits_api", truncate = {"dataset", "dataset_chunk"})
class DatasetLimitsApiIntegrationTests {

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

    HttpResponse<String> post(String query, String contentType, byte[] body) throws Exception {
        return api.send(HttpRequest.newBuilder(api.uri("/datasets?" + query))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Two .npy parts, features then labels, as multipart/form-data (RFC 7578). */
    HttpResponse<String> postPair(byte[] features, byte[] labels) throws Exception {
        String boundary = "cascade-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var part : new Object[][] {{"features", features}, {"labels", labels}}) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\"; filename=\""
                    + part[0] + ".npy\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write((byte[]) part[1]);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post("name=pair", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    void assertRefused(HttpResponse<String> r, String part, String... detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = ApiClient.tree(r);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly(part);
        assertThat(problem.get("detail").asText()).contains(detail);
        assertThat(jdbc.sql("SELECT count(*) FROM dataset").query(Integer.class).single()).isZero();
    }

    @Test
    void aZipBombIsA400NamingTheLimit() throws Exception {
        long n = 16L << 20;     // 2 x 16 MiB inflated from about 32 KiB
        byte[] bomb = CraftedFiles.npz(new Entry("x.npy", CraftedFiles.npyHeader("|u1", "(" + n + ", 1)"), n),
                new Entry("y.npy", CraftedFiles.npyHeader("|u1", "(" + n + ",)"), n));
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertRefused(post("name=bomb&format=npz", "application/octet-stream", bomb), "body", "array 'x'",
                "1048576");
    }

    @Test
    void aCsvLineOverTheLimitIsA400NamingTheLine() throws Exception {
        byte[] csv = ("label,x\n1,2\n0," + "0".repeat(5000) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertRefused(post("name=long", "text/csv", csv), "body", "line 3 is longer than the limit of 4096 bytes");
    }

    @Test
    void anOverflowingShapeIsA400NamingThePartAndTheShape() throws Exception {
        byte[] ok = CraftedFiles.npy("|u1", "(2,)", new byte[2]);
        assertRefused(postPair(CraftedFiles.npy("<f8", "(4611686018427387904, 4)", new byte[16]), ok), "features",
                "(4611686018427387904, 4)");
        assertRefused(postPair(CraftedFiles.npy("|u1", "(2, 1)", new byte[2]),
                CraftedFiles.npy("<f8", "(9223372036854775807,)", new byte[16])), "labels", "(9223372036854775807,)");
    }
}
