package cascade;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * What {@link TestSchema} does: points the context's datasource, Flyway and Hibernate at the
 * schema (a context per schema, cached like any other), and truncates the tables before each test.
 */
record TestSchemaCustomizer(String schema) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Map<String, Object> properties = TestDatabase.properties(schema);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-schema-" + schema, properties));
    }

    /** Registered by {@link TestSchema}'s meta-annotation. */
    static final class Factory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass,
                List<ContextConfigurationAttributes> configAttributes) {
            TestSchema schema = AnnotatedElementUtils.findMergedAnnotation(testClass, TestSchema.class);
            return schema == null ? null : new TestSchemaCustomizer(schema.value());
        }
    }

    /** Empties the annotation's tables before each test, through the test context's datasource. */
    static final class Truncate implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            TestSchema schema = AnnotatedElementUtils.findMergedAnnotation(context.getRequiredTestClass(),
                    TestSchema.class);
            if (schema != null && schema.truncate().length > 0) {
                JdbcClient jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcClient.class);
                TestDatabase.truncate(jdbc, String.join(", ", schema.truncate()));
            }
        }
    }
}
