package cascade.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The migrations apply to an empty schema, and the constraints they declare hold. */
class MigrationsIntegrationTests {

    static final String SCHEMA = "it_migrations";

    @Test
    void migrationsApplyFromEmptyAndEnforceTheirConstraints() throws SQLException {
        Flyway flyway = Flyway.configure()
                .dataSource(TestDatabase.url(SCHEMA), TestDatabase.user(), TestDatabase.password())
                .schemas(SCHEMA).locations("classpath:db/migration").cleanDisabled(false).load();
        flyway.clean();
        assertThat(flyway.migrate().migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        try (Connection c = TestDatabase.connect(SCHEMA)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, SCHEMA, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("experiment", "run");
            try (var s = c.createStatement()) {
                s.execute("""
                        INSERT INTO experiment (id, name, owner, spec, status, runs_total, created_at)
                        VALUES ('00000000-0000-0000-0000-000000000001', 'x', 'o', '{}', 'QUEUED', 1, now())""");
                assertThatThrownBy(() -> s.execute("""
                        INSERT INTO experiment (id, name, owner, spec, status, runs_total, created_at)
                        VALUES ('00000000-0000-0000-0000-000000000002', 'x', 'o', '{}', 'DONE', 1, now())"""))
                        .hasMessageContaining("experiment_status_check");
                assertThatThrownBy(() -> s.execute("""
                        INSERT INTO run (id, experiment_id, estimator_index, estimator, n, seed, status, max_attempts,
                                         available_at, created_at)
                        VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 0, 'e', 10, 0, 'RUNNING',
                                3, now(), now())"""))
                        .as("a running run must hold a lease").hasMessageContaining("run_lease_check");
            }
        }
    }
}
