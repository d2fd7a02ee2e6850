package cascade.access;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: the owner experiments are stored under, the role, the token's limits, and the
 * token's id (null for the local user and the bootstrap admin, which have no row).
 */
public record Caller(String owner, Role role, TokenLimits limits, @Nullable UUID tokenId) {

    /** Access control off: the single local user, allowed everything. */
    public static final Caller LOCAL = new Caller("local", Role.ADMIN, TokenLimits.NONE, null);

    public Caller {
        Objects.requireNonNull(owner);
        Objects.requireNonNull(role);
        Objects.requireNonNull(limits);
    }

    /** May this caller cancel, retry or delete an experiment of {@code experimentOwner}? */
    public boolean mayChange(String experimentOwner) {
        return role == Role.ADMIN || (role == Role.SUBMITTER && owner.equals(experimentOwner));
    }
}
