package cascade.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test artifacts (screenshots, rendered plots) go beside test-classes in the Maven build directory. */
final class BuildDirectory {

    private BuildDirectory() {
    }

    static Path file(String folder, String name) {
        try {
            Path testClasses = Path.of(BuildDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = testClasses.getParent().resolve(folder);
            Files.createDirectories(dir);
            return dir.resolve(name);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
