package cascade.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The zero-install default: when no {@code spring.datasource.url} is configured, the service
 * starts its own real PostgreSQL (binaries shipped in a Maven jar) with its data directory kept
 * across restarts, so {@code java -jar cascade.jar} works on a fresh machine. With a datasource
 * URL configured, Boot's ordinary DataSource is used and nothing here starts. The server is
 * password-protected and loopback-only ({@link EmbeddedPostgresLauncher}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.NoDatasourceConfigured.class)
@EnableConfigurationProperties(EmbeddedDatabase.Properties.class)
class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /**
     * {@code cascade.db.*}.
     *
     * @param dataDir data directory of the embedded PostgreSQL (default {@code $HOME/.cascade/pgdata},
     *                the HOME of the environment first, else the JVM's user.home; env
     *                CASCADE_DB_DATADIR)
     * @param port    port it listens on, loopback only (default 54329; env CASCADE_DB_PORT)
     */
    @ConfigurationProperties("cascade.db")
    record Properties(@Nullable String dataDir, @Nullable Integer port) {
        Properties {
            dataDir = dataDir == null || dataDir.isBlank() ? defaultDataDir(System.getenv("HOME")) : dataDir;
            port = port == null ? 54329 : port;
        }

        static String defaultDataDir(@Nullable String home) {
            String base = home == null || home.isBlank() ? System.getProperty("user.home") : home;
            return Path.of(base, ".cascade", "pgdata").toString();
        }
    }

    @Bean(destroyMethod = "")
    EmbeddedPostgresLauncher.Started embeddedPostgres(Properties properties) {
        try {
            Path dir = Path.of(properties.dataDir());
            log.info("no spring.datasource.url configured: starting embedded PostgreSQL in {} on localhost:{}", dir,
                    properties.port());
            return EmbeddedPostgresLauncher.start(dir, properties.port());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgresServer(EmbeddedPostgresLauncher.Started started) {
        return started.postgres();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgresLauncher.Started started, EmbeddedPostgres server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(started.jdbcUrl());
        config.setUsername(EmbeddedPostgresLauncher.SUPERUSER);
        config.setPassword(started.password());
        config.setMaximumPoolSize(10);
        config.setPoolName("cascade-embedded");
        return new HikariDataSource(config);
    }

    /**
     * True when neither spring.datasource.url nor SPRING_DATASOURCE_URL is set and the embedded
     * database is not switched off ({@code cascade.db.embedded=false}: see ExternalDatabaseRequired).
     */
    static final class NoDatasourceConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return ExternalDatabaseRequired.embeddedAllowed(context) && new NoDatasourceUrl().matches(context, metadata);
        }
    }

    /** True when neither spring.datasource.url nor SPRING_DATASOURCE_URL is set. */
    static final class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
