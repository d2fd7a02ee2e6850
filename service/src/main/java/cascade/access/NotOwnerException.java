package cascade.access;

import java.util.UUID;

/** The caller may not change this experiment: it belongs to another owner. A 403 at the edge. */
public final class NotOwnerException extends RuntimeException {

    public NotOwnerException(UUID experiment, Role role) {
        super("experiment " + experiment + " belongs to another owner; a " + role.name().toLowerCase(java.util.Locale.ROOT)
                + " token may only change its own");
    }
}
