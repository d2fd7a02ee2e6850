package cascade.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, verified live: docker-compose.yml published 8080 on every interface with access
 * control off, so the documented deployment was open to anyone who could reach it. These read the
 * repository's deployment files and the packaged defaults.
 */
class DeploymentDefaultsTests {

    static String read(String file) throws Exception {
        return Files.readString(Path.of("..").resolve(file));
    }

    @Test
    void composeTurnsAccessControlOnWithAGeneratedBootstrapToken() throws Exception {
        String compose = read("docker-compose.yml");
        String api = compose.substring(compose.indexOf("\n  api:"), compose.indexOf("\n  worker:"));
        assertThat(api).contains("CASCADE_ACCESS_ENABLED: \"true\"")
                .contains("CASCADE_ACCESS_BOOTSTRAPTOKENFILE: /var/lib/cascade/bootstrap-token")
                .contains("\"127.0.0.1:8080:8080\"").doesNotContain("- \"8080:8080\"");
    }

    @Test
    void theImageListensWidelyOnlyWithAccessControl() throws Exception {
        String docker = read("Dockerfile");
        assertThat(docker).contains("SERVER_ADDRESS=0.0.0.0").contains("CASCADE_ACCESS_ENABLED=true")
                .contains("CASCADE_ACCESS_BOOTSTRAPTOKENFILE=");
    }

    @Test
    void theServiceListensOnLoopbackByDefault() throws Exception {
        Properties defaults = new Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        assertThat(defaults.getProperty("server.address")).isEqualTo("127.0.0.1");
    }
}
