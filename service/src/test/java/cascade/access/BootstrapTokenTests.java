package cascade.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap token file: written once with owner-only permissions, then reused. */
class BootstrapTokenTests {

    @TempDir
    Path dir;

    @Test
    void aMissingFileGetsAFreshOwnerOnlyTokenThatIsReusedAfterwards() throws Exception {
        Path file = dir.resolve("secrets/bootstrap-token");
        AccessProperties properties = new AccessProperties(true, null, file, null);
        String first = BootstrapToken.resolve(properties);
        assertThat(first).startsWith(TokenSecrets.PREFIX).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(BootstrapToken.resolve(properties)).isEqualTo(first);
    }

    @Test
    void anExplicitTokenWinsAndAShortFileIsRefused() throws Exception {
        String explicit = "explicit-bootstrap-token-0123456789-abcdef";
        assertThat(BootstrapToken.resolve(new AccessProperties(true, explicit, dir.resolve("unused"), null)))
                .isEqualTo(explicit);
        assertThat(dir.resolve("unused")).doesNotExist();
        Path shortFile = Files.writeString(dir.resolve("short"), "tooshort\n");
        assertThatThrownBy(() -> BootstrapToken.resolve(new AccessProperties(true, null, shortFile, null)))
                .hasMessageContaining("fewer than 32 characters");
    }
}
