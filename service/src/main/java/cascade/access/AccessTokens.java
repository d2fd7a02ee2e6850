package cascade.access;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Front door of the access module: whether access control is on, who a bearer token belongs to,
 * and token management (issue, list, revoke). Table {@code api_token} holds only SHA-256 hashes
 * ({@link TokenSecrets}); the bootstrap admin token from configuration is hashed on start and
 * kept in memory only.
 */
@Service
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final int MAX_NAME = 100;

    private final JdbcClient jdbc;
    private final InstantSource clock;
    private final boolean enabled;
    private final byte @Nullable [] bootstrapHash;
    private final String bootstrapOwner;

    AccessTokens(JdbcClient jdbc, InstantSource clock, AccessProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.enabled = properties.enabled();
        String bootstrap = enabled ? BootstrapToken.resolve(properties) : null;
        this.bootstrapHash = bootstrap == null ? null : TokenSecrets.hash(bootstrap);
        if (bootstrap != null && properties.bootstrapToken() == null) {
            log.info("bootstrap admin token read from {} (owner-only file; it is never logged)",
                    properties.bootstrapTokenFile());
        }
        this.bootstrapOwner = properties.bootstrapOwner();
        if (enabled && bootstrapHash == null) {
            log.warn("access control is on without cascade.access.bootstrap-token: only tokens already in the "
                    + "database can call the API");
        }
        log.info("access control {}", enabled ? "on: bearer tokens required (health excepted)" : "off: every caller is "
                + Caller.LOCAL.owner());
    }

    /** True when requests need a bearer token. */
    public boolean enabled() {
        return enabled;
    }

    /** The caller a presented secret stands for: the bootstrap admin or a live (unrevoked) token. */
    public Optional<Caller> authenticate(@Nullable String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = TokenSecrets.hash(secret);
        if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
            return bootstrapRevoked() ? Optional.empty()
                    : Optional.of(new Caller(bootstrapOwner, Role.ADMIN, TokenLimits.NONE, null));
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ? AND revoked_at IS NULL")
                .param(hash).query(AccessTokens::view).optional()
                .map(t -> new Caller(t.owner(), t.role(), t.limits(), t.id()));
    }

    /** Creates a token; the answer carries its secret, which is never shown again. */
    public IssuedToken issue(String name, @Nullable String owner, Role role, TokenLimits limits) {
        String checkedName = checkName("name", name);
        String checkedOwner = owner == null ? checkedName : checkName("owner", owner);
        String secret = TokenSecrets.generate();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO api_token (id, name, owner, role, token_hash, max_queued_runs, max_n, max_width,
                                       max_test_n, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, checkedName, checkedOwner, role.name(), TokenSecrets.hash(secret), limits.maxQueuedRuns(),
                        limits.maxN(), limits.maxWidth(), limits.maxTestN(), Timestamp.from(now))
                .update();
        log.info("token {} ({}, owner {}, {}) issued", id, checkedName, checkedOwner, role);
        return new IssuedToken(new TokenView(id, checkedName, checkedOwner, role, limits, now, null), secret);
    }

    /** Every token, newest first, revoked ones included (with revokedAt). */
    public List<TokenView> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at DESC, id DESC")
                .query(AccessTokens::view).list();
    }

    /** Revokes a token from its next request on; revoking twice keeps the first time. */
    public TokenView revoke(UUID id) {
        int updated = jdbc.sql("UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id).update();
        if (updated == 0) {
            throw new TokenNotFoundException(id);
        }
        log.info("token {} revoked", id);
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE id = ?").param(id)
                .query(AccessTokens::view).single();
    }

    /**
     * Revokes the configured bootstrap token for good: its hash is stored as a revoked admin token,
     * so it is refused from the next request on even while it stays configured (a new one must be
     * configured to bootstrap again). Revoking twice keeps the first time.
     *
     * @throws TokenNotFoundException when no bootstrap token is configured
     */
    public TokenView revokeBootstrap() {
        if (bootstrapHash == null) {
            throw new TokenNotFoundException("no bootstrap token is configured");
        }
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                INSERT INTO api_token (id, name, owner, role, token_hash, created_at, revoked_at)
                VALUES (?, 'bootstrap', ?, 'ADMIN', ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING""")
                .params(UUID.randomUUID(), bootstrapOwner, bootstrapHash, now, now).update();
        log.warn("the bootstrap admin token was revoked; configure a new one to bootstrap again");
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ?").param(bootstrapHash)
                .query(AccessTokens::view).single();
    }

    private boolean bootstrapRevoked() {
        return jdbc.sql("SELECT count(*) FROM api_token WHERE token_hash = ? AND revoked_at IS NOT NULL")
                .param(bootstrapHash).query(Long.class).single() > 0;
    }

    private static final String COLUMNS =
            "id, name, owner, role, max_queued_runs, max_n, max_width, max_test_n, created_at, revoked_at";

    private static TokenView view(ResultSet rs, int i) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new TokenView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"),
                Role.valueOf(rs.getString("role")),
                new TokenLimits(rs.getObject("max_queued_runs", Integer.class), rs.getObject("max_n", Integer.class),
                        rs.getObject("max_width", Integer.class), rs.getObject("max_test_n", Integer.class)),
                rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static String checkName(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME
                || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new TokenRequestException(field, "must be 1-" + MAX_NAME + " printable ASCII characters");
        }
        return value.strip();
    }
}
