package cascade;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A Spring test against the real PostgreSQL of {@link TestDatabase}, in a schema of its own
 * ({@link #value}, migrated from empty once per test JVM), with {@link #truncate} tables emptied
 * before each test. Replaces a {@code @DynamicPropertySource} and a {@code @BeforeEach} per class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(TestSchemaCustomizer.Factory.class)
@ExtendWith(TestSchemaCustomizer.Truncate.class)
public @interface TestSchema {

    /** The schema, e.g. {@code it_api}; unique per test class so classes never share rows. */
    String value();

    /** Tables emptied (TRUNCATE … CASCADE) before each test; none when empty. */
    String[] truncate() default {"experiment", "run"};
}
