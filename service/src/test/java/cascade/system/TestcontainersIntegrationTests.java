package cascade.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * For machines with a Docker engine: the migrations and the claim statement against a throwaway
 * PostgreSQL container. Skipped cleanly where no Docker engine answers (our CI machines); the
 * rest of the suite runs against the local or embedded PostgreSQL either way.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersIntegrationTests {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @Test
    void migrationsApplyAndTheClaimStatementSkipsLockedRows() throws Exception {
        Flyway.configure().dataSource(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword())
                .locations("classpath:db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword()); var s = c.createStatement()) {
            s.execute("""
                    INSERT INTO experiment (id, name, owner, spec, status, runs_total, created_at)
                    VALUES ('00000000-0000-0000-0000-000000000001', 'x', 'o', '{}', 'QUEUED', 1, now())""");
            s.execute("""
                    INSERT INTO run (id, experiment_id, estimator_index, estimator, n, seed, status, max_attempts,
                                     available_at, created_at)
                    VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 0, 'e', 10, 0, 'QUEUED', 3,
                            now(), now())""");
            try (ResultSet rs = s.executeQuery("""
                    UPDATE run SET status = 'RUNNING', leased_by = 'w', lease_until = now() + interval '30 s'
                    WHERE id = (SELECT id FROM run WHERE status = 'QUEUED' ORDER BY priority, created_at
                                FOR UPDATE SKIP LOCKED LIMIT 1)
                    RETURNING id""")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
