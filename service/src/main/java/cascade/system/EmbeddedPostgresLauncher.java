package cascade.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL of a data directory safely.
 * <ul>
 * <li><b>Not open to local users.</b> The library's initdb trusts every local connection as
 *     superuser, which would let any user of the machine insert tokens or run commands through
 *     {@code COPY ... PROGRAM}. On every start this sets a random password for {@code postgres}
 *     (kept in {@value #PASSWORD_FILE} in the data directory, rw-------), replaces pg_hba.conf with
 *     scram-sha-256 for loopback TCP only, listens on localhost only and turns Unix sockets off.</li>
 * <li><b>A postmaster left behind</b> by a Cascade process that was killed (SIGKILL leaves its
 *     PostgreSQL running) is detected from {@code postmaster.pid} and stopped before a new one is
 *     started, unless a live Cascade process still holds the directory's lock: then starting is
 *     refused with a clear message instead of stopping someone else's database.</li>
 * </ul>
 */
final class EmbeddedPostgresLauncher {

    static final String PASSWORD_FILE = "cascade-password";
    static final String SUPERUSER = "postgres";
    /** The library's lock file, held by the live process that owns the data directory. */
    private static final String LOCK_FILE = "epg-lock";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final List<String> HBA = List.of(
            "# Written by Cascade on every start: password (scram-sha-256) over loopback TCP only.",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256");
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);

    /** A started server and the superuser password to connect with. */
    record Started(EmbeddedPostgres postgres, String password) {

        String jdbcUrl() {
            return postgres.getJdbcUrl(SUPERUSER, "postgres");
        }
    }

    private EmbeddedPostgresLauncher() {
    }

    static Started start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        stopLeftover(dataDir);
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        @Nullable String known = Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : null;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).setPort(port)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("password_encryption", "scram-sha-256")
                // The library defaults to synchronous_commit=off (fine for tests): a committed
                // submission or result could be lost to a machine crash. Work is never lost here.
                .setServerConfig("synchronous_commit", "on");
        if (known != null) {
            builder.setConnectConfig("password", known);
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            return new Started(postgres, secure(postgres, dataDir, known));
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * Makes sure the superuser has the password of the password file (creating both the first
     * time) and that pg_hba.conf is ours, then reloads the configuration.
     */
    private static String secure(EmbeddedPostgres postgres, Path dataDir, @Nullable String known) throws IOException {
        String password = known != null ? known : newPassword();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (known == null) {
                // Quoted as a literal: the password is base64url, so it has no quote to escape.
                s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
                writeOwnerOnly(dataDir.resolve(PASSWORD_FILE), password + "\n");
            }
            Path hba = dataDir.resolve("pg_hba.conf");
            String wanted = String.join("\n", HBA) + "\n";
            if (!Files.exists(hba) || !Files.readString(hba).equals(wanted)) {
                Files.writeString(hba, wanted, StandardCharsets.UTF_8);
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IOException("cannot secure the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
        return password;
    }

    /**
     * Stops a postmaster that a dead Cascade process left running on {@code dataDir}. Refuses when
     * a live process holds the directory's lock (it would be that process's database).
     */
    static void stopLeftover(Path dataDir) throws IOException {
        Optional<ProcessHandle> postmaster = runningPostmaster(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        requireNoLiveOwner(dataDir);
        long pid = postmaster.get().pid();
        log.warn("a PostgreSQL (pid {}) left running by a Cascade process that did not shut down uses {}: "
                + "stopping it before starting a new one", pid, dataDir);
        postmaster.get().destroy(); // SIGTERM: a smart shutdown, and the dead process has no sessions left
        try {
            postmaster.get().onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the leftover PostgreSQL (pid " + pid + ") of " + dataDir + " did not stop within "
                    + STOP_WAIT.toSeconds() + " s; stop it by hand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the leftover PostgreSQL of " + dataDir, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot wait for the leftover PostgreSQL (pid " + pid + ")", e);
        }
    }

    /** The live postgres process named by the directory's postmaster.pid, if any. */
    static Optional<ProcessHandle> runningPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty(); // torn file: PostgreSQL itself handles it on start
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.contains("postgres")).orElse(true));
    }

    private static void requireNoLiveOwner(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw busy(dataDir);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw busy(dataDir);
        }
    }

    private static IllegalStateException busy(Path dataDir) {
        return new IllegalStateException("another running Cascade process uses the embedded database in " + dataDir
                + "; stop it, or give this one its own directory (cascade.db.data-dir) and port (cascade.db.port)");
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + HexFormat.of().toHexDigits(System.nanoTime()));
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException(e);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
