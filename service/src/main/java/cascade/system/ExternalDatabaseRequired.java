package cascade.system;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With {@code cascade.db.embedded=false} (the container image sets it) the service never starts its
 * own PostgreSQL: without {@code spring.datasource.url} it stops at startup with this message instead
 * (in a container the embedded database would live in the container's throw-away filesystem, or fail
 * on a read-only one).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalDatabaseRequired.Missing.class)
class ExternalDatabaseRequired {

    static final String MESSAGE = "no PostgreSQL configured: set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD); "
            + "the embedded PostgreSQL is off (cascade.db.embedded=false, as in the container image)";

    ExternalDatabaseRequired() {
        throw new IllegalStateException(MESSAGE);
    }

    /** The embedded database is switched off and no datasource URL is set. */
    static final class Missing implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !embeddedAllowed(context) && new EmbeddedDatabase.NoDatasourceUrl().matches(context, metadata);
        }
    }

    /** False only when cascade.db.embedded is set to false. */
    static boolean embeddedAllowed(ConditionContext context) {
        return context.getEnvironment().getProperty("cascade.db.embedded", Boolean.class, true);
    }
}
