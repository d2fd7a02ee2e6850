package cascade.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL (issue 18: it trusted every local connection as superuser; issue 16: a
 * SIGKILLed {@code bin/cascade} left it running and the next start carried on with the orphan by
 * luck). Real servers on free ports in temporary data directories.
 */
class EmbeddedPostgresLauncherTests {

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
    }

    static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void onlyThePasswordInTheOwnerOnlyFileOpensTheDatabase() throws Exception {
        int port = freePort();
        Path data = dir.resolve("pgdata");
        EmbeddedPostgresLauncher.Started started = EmbeddedPostgresLauncher.start(data, port);
        try {
            Path file = data.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file).strip()).isEqualTo(started.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThatThrownBy(() -> connect(port, "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(port, "wrong")).isInstanceOf(SQLException.class);
            try (Connection c = connect(port, started.password())) {
                assertThat(show(c, "listen_addresses")).isEqualTo("localhost");
                assertThat(show(c, "unix_socket_directories")).isEmpty();
                assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            }
            assertThat(Files.readAllLines(data.resolve("pg_hba.conf"))).noneMatch(l -> l.contains("trust"));
        } finally {
            started.postgres().close();
        }
        // A restart keeps the password and the rules.
        EmbeddedPostgresLauncher.Started again = EmbeddedPostgresLauncher.start(data, port);
        try (Connection c = connect(port, again.password())) {
            assertThat(again.password()).isEqualTo(started.password());
            assertThat(c.isValid(5)).isTrue();
        } finally {
            again.postgres().close();
        }
    }

    @Test
    void aPostmasterLeftByAKilledProcessIsStoppedAndReplaced() throws Exception {
        int port = freePort();
        Path data = dir.resolve("pgdata");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, LeftoverPostmaster.class.getName(), data.toString(), Integer.toString(port)))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // the child's log
            }
            assertThat(line).as("the child started its PostgreSQL").startsWith("READY");
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL keeps running
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ProcessHandle orphan = EmbeddedPostgresLauncher.runningPostmaster(data).orElseThrow();
        String password = Files.readString(data.resolve(EmbeddedPostgresLauncher.PASSWORD_FILE)).strip();
        try (Connection c = connect(port, password)) {
            assertThat(c.isValid(5)).as("the orphan still answers").isTrue();
        }

        EmbeddedPostgresLauncher.Started started = EmbeddedPostgresLauncher.start(data, port);
        try (Connection c = connect(port, started.password())) {
            assertThat(orphan.isAlive()).as("the orphan was stopped").isFalse();
            long pid = EmbeddedPostgresLauncher.runningPostmaster(data).orElseThrow().pid();
            assertThat(pid).isNotEqualTo(orphan.pid());
            assertThat(c.isValid(5)).isTrue();
        } finally {
            started.postgres().close();
        }
    }

    @Test
    void aDirectoryInUseByALiveProcessIsNotTakenOver() throws Exception {
        int port = freePort();
        Path data = dir.resolve("pgdata");
        EmbeddedPostgresLauncher.Started started = EmbeddedPostgresLauncher.start(data, port);
        try {
            assertThatThrownBy(() -> EmbeddedPostgresLauncher.start(data, freePort()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("another running Cascade process");
            try (Connection c = connect(port, started.password())) {
                assertThat(c.isValid(5)).as("the owner's database was left alone").isTrue();
            }
        } finally {
            started.postgres().close();
        }
    }

    @Test
    void theDefaultLocationFollowsHome() {
        assertThat(EmbeddedDatabase.Properties.defaultDataDir("/srv/lab")).isEqualTo("/srv/lab/.cascade/pgdata");
        assertThat(EmbeddedDatabase.Properties.defaultDataDir(null))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cascade", "pgdata").toString());
        assertThat(new EmbeddedDatabase.Properties("/data/pg", null).dataDir()).isEqualTo("/data/pg");
    }
}
