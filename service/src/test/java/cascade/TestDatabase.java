package cascade;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL that database tests use, found in this order: a configured
 * spring.datasource.url (system property or SPRING_DATASOURCE_URL), the server on
 * 127.0.0.1:5432 (database "test", user postgres), Testcontainers when a Docker engine answers,
 * else an embedded PostgreSQL. Each test class gets its own schema, so classes never collide.
 */
public final class TestDatabase {

    private static Target target;

    private record Target(String url, String user, String password, String how) {
    }

    private TestDatabase() {
    }

    private static final java.util.Set<String> RESET = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Datasource, Flyway and Hibernate properties for a schema of a test class (see
     * {@link TestSchema}). The schema is dropped once per test JVM first, so every run migrates from
     * empty and nothing left by an earlier run (or another branch's migrations) can leak in.
     */
    static Map<String, Object> properties(String schema) {
        Target t = target();
        if (RESET.add(schema)) {
            try (Connection c = DriverManager.getConnection(t.url(), t.user(), t.password());
                    var s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reset test schema " + schema, e);
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", withSchema(t.url(), schema));
        p.put("spring.datasource.username", t.user());
        p.put("spring.datasource.password", t.password());
        // Spring keeps every test context (and its pool) alive for reuse: small pools keep the whole
        // suite well inside PostgreSQL's default 100 connections.
        p.put("spring.datasource.hikari.maximum-pool-size", "6");
        p.put("spring.datasource.hikari.minimum-idle", "1");
        p.put("spring.flyway.schemas", schema);
        p.put("spring.flyway.clean-disabled", "false");
        p.put("spring.jpa.properties.hibernate.default_schema", schema);
        return p;
    }

    /**
     * TRUNCATE between tests, retried when it deadlocks with a worker thread of the test's own
     * context that is still finishing a run of the previous test (TRUNCATE locks the tables one by
     * one; a worker's status change locks an experiment row and a run row).
     */
    public static void truncate(org.springframework.jdbc.core.simple.JdbcClient jdbc, String tables) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.sql("TRUNCATE " + tables + " CASCADE").update();
                return;
            } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                if (attempt == 20) {
                    throw e;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A plain JDBC connection to the schema (created if missing). */
    public static Connection connect(String schema) throws SQLException {
        Target t = target();
        Connection c = DriverManager.getConnection(t.url(), t.user(), t.password());
        try (var s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    public static String url(String schema) {
        return withSchema(target().url(), schema);
    }

    public static String user() {
        return target().user();
    }

    public static String password() {
        return target().password();
    }

    public static synchronized String how() {
        return target().how();
    }

    private static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static synchronized Target target() {
        if (target != null) {
            return target;
        }
        String configured = System.getProperty("spring.datasource.url", System.getenv("SPRING_DATASOURCE_URL"));
        if (configured != null && !configured.isBlank()) {
            String user = System.getProperty("spring.datasource.username", envOr("SPRING_DATASOURCE_USERNAME", "postgres"));
            String password = System.getProperty("spring.datasource.password", envOr("SPRING_DATASOURCE_PASSWORD", ""));
            return target = new Target(configured, user, password, "configured");
        }
        String local = "jdbc:postgresql://127.0.0.1:5432/test";
        try (Connection c = DriverManager.getConnection(local, "postgres", "")) {
            return target = new Target(local, "postgres", "", "local server");
        } catch (SQLException notThere) {
            // fall through
        }
        if (dockerAvailable()) {
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:16-alpine");
            pg.start();
            return target = new Target(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "testcontainers");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the process is ending
                }
            }));
            return target = new Target(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
