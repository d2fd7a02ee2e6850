package cascade.system;

import java.nio.file.Path;

/**
 * A child process for {@link EmbeddedPostgresLauncherTests}: starts the embedded PostgreSQL of a
 * data directory, says so on stdout, then waits to be killed (SIGKILL leaves its PostgreSQL running,
 * as a killed {@code bin/cascade} does).
 */
final class LeftoverPostmaster {

    private LeftoverPostmaster() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresLauncher.Started started = EmbeddedPostgresLauncher.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("READY " + started.postgres().getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
