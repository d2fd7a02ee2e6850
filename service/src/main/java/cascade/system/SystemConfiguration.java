package cascade.system;

import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring only: the clock every module reads time from, and scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InstantSource instantSource() {
        return InstantSource.system();
    }
}
