package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.FaultyDataSource.Point;
import cascade.FaultyDataSource;
import cascade.TestSchema;
import cascade.TestSpecs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every database failure on every endpoint is a 503 problem with Retry-After, never a 500, at any
 * point of a transaction (issue 16: under a PostgreSQL restart two submissions answered 500,
 * "Application exception overridden by rollback exception", and the CI client does not retry a
 * 500). A fault-injecting DataSource fails one point at a time the way a dying connection does;
 * each endpoint is called under each fault: when the fault fired the answer must be 503 with
 * Retry-After, otherwise the endpoint's normal answer. The submission stays idempotent across a
 * commit whose reply is lost.
 */
@ApiIntegrationTest(properties = "cascade.jobs.enabled=false")
@TestSchema(value = "it_db_faults", truncate = {"experiment", "run", "dataset"})
@Import(DatabaseFaultsIntegrationTests.Faults.class)
class DatabaseFaultsIntegrationTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Faults {
        @Bean
        static BeanPostProcessor faultyDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource ds && !(bean instanceof FaultyDataSource) ? new FaultyDataSource(ds) : bean;
                }
            };
        }
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

    FaultyDataSource faults() {
        return (FaultyDataSource) dataSource;
    }

    @BeforeEach
    void arm() {
        faults().disarm();
    }

    @AfterEach
    void disarm() {
        faults().disarm();
    }

    record Call(String name, String method, String path, byte[] body, String contentType, int normal) {
    }

    HttpResponse<String> send(Call c, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(c.path()))
                .timeout(Duration.ofSeconds(30))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return api.send(b.build());
    }

    String submit(String name) throws Exception {
        HttpResponse<String> r = send(new Call("submit", "POST", "/experiments", spec(name), "application/json", 202), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return OpenApiContract.JSON.readTree(r.body()).get("id").asText();
    }

    static byte[] spec(String name) throws Exception {
        return OpenApiContract.JSON.writeValueAsBytes(TestSpecs.tinyTree(name, 2, 1));
    }

    /** One call of every endpoint that reads or writes the database, on fresh fixtures. */
    List<Call> calls() throws Exception {
        String queued = submit("queued");
        String toCancel = submit("to-cancel");
        String toDelete = submit("to-delete");
        String toRetry = submit("to-retry");
        assertThat(send(new Call("", "POST", "/experiments/" + toRetry + "/cancel", null, null, 200), null).statusCode())
                .isEqualTo(200);
        byte[] csv = "a,label\n1,0\n2,1\n3,0\n4,1\n".getBytes(StandardCharsets.UTF_8);
        String dataset = OpenApiContract.JSON.readTree(send(new Call("", "POST", "/datasets?name=d", csv, "text/csv", 201),
                null).body()).get("id").asText();
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("list", "GET", "/experiments", null, null, 200));
        calls.add(new Call("get", "GET", "/experiments/" + queued, null, null, 200));
        calls.add(new Call("results", "GET", "/experiments/" + queued + "/results", null, null, 200));
        calls.add(new Call("results csv", "GET", "/experiments/" + queued + "/results?format=csv", null, null, 200));
        calls.add(new Call("runs", "GET", "/experiments/" + queued + "/runs", null, null, 200));
        calls.add(new Call("plot", "GET", "/experiments/" + queued + "/plots/nmse.svg", null, null, 200));
        calls.add(new Call("submit", "POST", "/experiments", spec("fresh"), "application/json", 202));
        calls.add(new Call("cancel", "POST", "/experiments/" + toCancel + "/cancel", null, null, 200));
        calls.add(new Call("retry", "POST", "/experiments/" + toRetry + "/retry", null, null, 200));
        calls.add(new Call("baseline", "POST", "/experiments/" + queued + "/baseline", null, null, 409));
        calls.add(new Call("get baseline", "GET", "/baselines/none", null, null, 404));
        calls.add(new Call("delete", "DELETE", "/experiments/" + toDelete, null, null, 204));
        calls.add(new Call("datasets", "GET", "/datasets", null, null, 200));
        calls.add(new Call("dataset", "GET", "/datasets/" + dataset, null, null, 200));
        calls.add(new Call("upload", "POST", "/datasets?name=e", csv, "text/csv", 201));
        calls.add(new Call("delete dataset", "DELETE", "/datasets/" + dataset, null, null, 204));
        return calls;
    }

    void everyEndpointUnder(Point... points) throws Exception {
        Set<Point> firedSomewhere = EnumSet.noneOf(Point.class);
        Map<String, String> answers = new LinkedHashMap<>();
        for (Call call : calls()) {
            faults().arm(points);
            HttpResponse<String> r = send(call, null);
            Set<Point> fired = faults().fired();
            faults().disarm();
            firedSomewhere.addAll(fired);
            answers.put(call.name(), r.statusCode() + " " + fired);
            if (fired.isEmpty()) {
                assertThat(r.statusCode()).as(call.name() + " without a fault: " + r.body()).isEqualTo(call.normal());
            } else {
                assertThat(r.statusCode()).as(call.name() + " under " + fired + ": " + r.body()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).as(call.name()).isPresent();
                if (!call.path().endsWith(".svg")) {
                    assertThat(ApiClient.CONTRACT.validate("Problem", r.body())).as(r.body()).isEmpty();
                }
            }
        }
        assertThat(firedSomewhere).as("the fault struck somewhere: " + answers).containsAll(List.of(points));
    }

    @Test
    void noConnection() throws Exception {
        everyEndpointUnder(Point.CONNECT);
    }

    @Test
    void failingBegin() throws Exception {
        everyEndpointUnder(Point.BEGIN);
    }

    @Test
    void failingStatement() throws Exception {
        everyEndpointUnder(Point.STATEMENT);
    }

    @Test
    void failingCommit() throws Exception {
        everyEndpointUnder(Point.COMMIT);
    }

    @Test
    void failingCommitAndRollback() throws Exception {
        everyEndpointUnder(Point.COMMIT, Point.ROLLBACK);
    }

    @Test
    void failingStatementAndRollback() throws Exception {
        everyEndpointUnder(Point.STATEMENT, Point.ROLLBACK);
    }

    @Test
    void aSubmissionWhoseCommitReplyWasLostIsReplayedNotDuplicated() throws Exception {
        String key = "lost-reply-" + UUID.randomUUID();
        Call call = new Call("submit", "POST", "/experiments", spec("lost"), "application/json", 202);
        faults().arm(Point.COMMIT_LOST_REPLY);
        HttpResponse<String> first = send(call, key);
        assertThat(faults().fired()).containsExactly(Point.COMMIT_LOST_REPLY);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
        HttpResponse<String> again = send(call, key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(jdbc.sql("SELECT count(*) FROM experiment WHERE idempotency_key = ?").param(key)
                .query(Integer.class).single()).isEqualTo(1);

        String other = "failed-commit-" + UUID.randomUUID();
        faults().arm(Point.COMMIT, Point.ROLLBACK);
        assertThat(send(call, other).statusCode()).isEqualTo(503);
        HttpResponse<String> retried = send(call, other);
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(jdbc.sql("SELECT count(*) FROM experiment WHERE idempotency_key = ?").param(other)
                .query(Integer.class).single()).isEqualTo(1);
    }
}
