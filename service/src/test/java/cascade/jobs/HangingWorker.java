package cascade.jobs;

import cascade.CascadeApplication;
import java.io.IOException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The real service as a separate worker-only process, for {@link WorkerProcessIntegrationTests}:
 * everything is production code except the estimator, which computes forever (checkpointing
 * every 20 ms) so the test can kill or stop the process mid-run. Component scanning skips the
 * test classes (their test clock and configurations must not leak into this process). Not a
 * {@code @Configuration} on purpose: it is a source of this process only (its bean methods run
 * in lite mode), so the other tests' component scans never pick up the hanging executor.
 */
class HangingWorker {

    @Bean
    @Primary
    RunExecutor hangingExecutor() {
        return (spec, key, control) -> {
            Work.checkpointed(control, Integer.MAX_VALUE, 20);
            throw new IllegalStateException("unreachable: 2^31 checkpoints of 20 ms");
        };
    }

    public static void main(String[] args) {
        application().web(WebApplicationType.NONE).run(args);
    }

    static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CascadeApplication.class, HangingWorker.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("skipTestClasses",
                        new SkipTestClasses()));
    }

    /**
     * The same process configured only by its environment, as a worker pod starts it (the web
     * application type included: SPRING_MAIN_WEB_APPLICATION_TYPE), for {@link DeployedPodsIntegrationTests}.
     */
    static final class AsDeployed {
        public static void main(String[] args) {
            application().run(args);
        }
    }

    /** Excludes classes compiled from src/test from component scanning. */
    static final class SkipTestClasses extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SkipTestClasses;
        }

        @Override
        public int hashCode() {
            return SkipTestClasses.class.hashCode();
        }
    }
}
