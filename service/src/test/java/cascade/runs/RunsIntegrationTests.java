package cascade.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.TestSchema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Runs} as a JDBC slice against real PostgreSQL (Flyway-migrated schema, no web, no JPA,
 * no workers); each test rolls back. Experiment rows are inserted by hand: this module never
 * writes them.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({Runs.class, RunsIntegrationTests.Json.class})
@TestSchema(value = "it_runs", truncate = {})
class RunsIntegrationTests {

    static class Json {
        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    Runs runs;
    @Autowired
    JdbcClient jdbc;

    UUID experiment(int runCount) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO experiment (id, name, owner, spec, status, runs_total, created_at)
                VALUES (?, 'x', 'o', '{}', 'QUEUED', ?, ?)""").params(id, runCount, Timestamp.from(NOW)).update();
        List<NewRun> list = new java.util.ArrayList<>();
        for (int i = 0; i < runCount; i++) {
            list.add(new NewRun(i % 2, i % 2 == 0 ? "spectral" : "ridge", 100 * (i + 1), i));
        }
        runs.enqueue(id, list, 3, NOW);
        return id;
    }

    void setStatus(UUID experiment, int n, String status) {
        jdbc.sql("UPDATE run SET status = ?, outcome = '{}'::jsonb WHERE experiment_id = ? AND n = ?")
                .params(status, experiment, n).update();
    }

    @Test
    void enqueuedRunsAreQueuedWithTheirPriorityInListOrder() {
        UUID e = experiment(3);
        assertThat(runs.runsOf(e)).extracting(RunView::status).containsOnly(RunStatus.QUEUED);
        assertThat(jdbc.sql("SELECT n FROM run WHERE experiment_id = ? ORDER BY priority").param(e)
                .query(Integer.class).list()).containsExactly(100, 200, 300);
        assertThat(jdbc.sql("SELECT DISTINCT max_attempts FROM run WHERE experiment_id = ?").param(e)
                .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void countsAreByExperimentAndStatus() {
        UUID a = experiment(3);
        UUID b = experiment(2);
        setStatus(a, 100, "SUCCEEDED");
        assertThat(runs.counts(List.of(a, b))).isEqualTo(Map.of(a, new RunCounts(3, 2, 0, 1, 0, 0),
                b, new RunCounts(2, 2, 0, 0, 0, 0)));
        assertThat(runs.counts(UUID.randomUUID())).isEqualTo(RunCounts.NONE);
        assertThat(runs.countsByStatus()).containsOnlyKeys(RunStatus.values()).containsEntry(RunStatus.QUEUED, 4L)
                .containsEntry(RunStatus.SUCCEEDED, 1L).containsEntry(RunStatus.FAILED, 0L);
    }

    @Test
    void cancelTakesQueuedAndRunningRunsAndRetryTakesFailedAndCancelledOnes() {
        UUID e = experiment(4);
        setStatus(e, 100, "SUCCEEDED");
        setStatus(e, 200, "FAILED");
        assertThat(runs.cancelAll(e, NOW)).isEqualTo(2);
        assertThat(runs.counts(e)).isEqualTo(new RunCounts(4, 0, 0, 1, 1, 2));
        assertThat(runs.retryAll(e, NOW)).isEqualTo(3);
        assertThat(runs.counts(e)).isEqualTo(new RunCounts(4, 3, 0, 1, 0, 0));
        assertThat(runs.runsOf(e)).filteredOn(r -> r.status() == RunStatus.QUEUED)
                .allSatisfy(r -> assertThat(r.attempts()).isZero());
    }

    @Test
    void activeRunsAreCountedAndTheirExperimentsListedInTheGivenOrder() {
        UUID done = experiment(2);
        setStatus(done, 100, "SUCCEEDED");
        setStatus(done, 200, "FAILED");
        UUID a = experiment(2);
        UUID b = experiment(1);
        assertThat(runs.countActive(List.of(done, a, b))).isEqualTo(3);
        assertThat(runs.countActive(List.of())).isZero();
        assertThat(runs.withActiveRuns(List.of(b, done, a))).containsExactly(b, a);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void changesAreOnlyMadeInsideTheCallersTransaction() {
        assertThatThrownBy(() -> runs.cancelAll(UUID.randomUUID(), NOW)).isInstanceOf(IllegalTransactionStateException.class);
    }
}
