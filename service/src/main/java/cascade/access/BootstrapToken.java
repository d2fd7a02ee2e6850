package cascade.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jspecify.annotations.Nullable;

/**
 * The bootstrap admin secret: {@code cascade.access.bootstrap-token} when set, else the content of
 * {@code cascade.access.bootstrap-token-file}, which is created with a fresh secret (owner-only
 * permissions, rw-------) when it does not exist yet. The file form lets a deployment turn access
 * control on without anyone choosing a secret: the container writes one on first start and the
 * operator reads it from the volume.
 */
final class BootstrapToken {

    private BootstrapToken() {
    }

    /** The secret, or null when neither the token nor a file is configured. */
    static @Nullable String resolve(AccessProperties properties) {
        if (properties.bootstrapToken() != null) {
            return properties.bootstrapToken();
        }
        Path file = properties.bootstrapTokenFile();
        if (file == null) {
            return null;
        }
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.length() < 32) {
                throw new IllegalStateException("cascade.access.bootstrap-token-file " + file
                        + " holds fewer than 32 characters; delete it to have a new token written");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create cascade.access.bootstrap-token-file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return; // another instance on the same volume wrote it first: use theirs
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, TokenSecrets.generate() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    }
}
