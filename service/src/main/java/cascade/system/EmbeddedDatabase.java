package cascade.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
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
 * URL configured, Boot's ordinary DataSource is used and nothing here starts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.NoDatasourceConfigured.class)
@EnableConfigurationProperties(EmbeddedDatabase.Properties.class)
class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /**
     * {@code cascade.db.*}.
     *
     * @param dataDir data directory of the embedded PostgreSQL (default ~/.cascade/pgdata)
     * @param port    port it listens on (loopback; default 54329)
     */
    @ConfigurationProperties("cascade.db")
    record Properties(String dataDir, Integer port) {
        Properties {
            dataDir = dataDir == null ? System.getProperty("user.home") + "/.cascade/pgdata" : dataDir;
            port = port == null ? 54329 : port;
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(Properties properties) {
        try {
            Path dir = Path.of(properties.dataDir());
            Files.createDirectories(dir);
            log.info("no spring.datasource.url configured: starting embedded PostgreSQL in {} on port {}", dir,
                    properties.port());
            return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                    .setPort(properties.port()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
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
