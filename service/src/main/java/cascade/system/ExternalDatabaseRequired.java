package cascade.system;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.stereotype.Component;

/**
 * With {@code cascade.db.embedded=false} (the container image sets it) the service never starts its
 * own PostgreSQL: without {@code spring.datasource.url} it stops at startup with this message instead
 * (in a container the embedded database would live in the container's throw-away filesystem, or fail
 * on a read-only one). A bean-factory post-processor, so it stops the start before any bean (the web
 * server's filters included) asks for a DataSource.
 */
@Component
@Conditional(ExternalDatabaseRequired.Missing.class)
class ExternalDatabaseRequired implements BeanFactoryPostProcessor {

    static final String MESSAGE = "no PostgreSQL configured: set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD); "
            + "the embedded PostgreSQL is off (cascade.db.embedded=false, as in the container image)";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
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
