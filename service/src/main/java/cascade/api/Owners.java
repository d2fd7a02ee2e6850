package cascade.api;

import cascade.access.Caller;
import cascade.access.Role;
import cascade.experiments.Experiments;
import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is calling, as {@link AccessFilter} put it on the request: with access control off every
 * caller is the local user "local" (an admin); with it on, the owner and role of the bearer token.
 */
final class Owners {

    static final String LOCAL = Caller.LOCAL.owner();
    static final String ATTRIBUTE = Caller.class.getName();

    private Owners() {
    }

    static String current() {
        return caller().owner();
    }

    /** The caller of the current request; fails closed when the filter did not run. */
    static Caller caller() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object caller = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof Caller c) {
            return c;
        }
        throw new IllegalStateException("no caller on this request: AccessFilter did not run");
    }

    /** Refuses (403) a change to someone else's experiment unless the caller is an admin. */
    static void requireMayChange(UUID experiment, Experiments experiments) {
        Caller caller = caller();
        if (caller.role() == Role.ADMIN) {
            return;
        }
        if (caller.mayChange(experiments.get(experiment).owner())) {
            return;
        }
        throw new ForbiddenException("experiment " + experiment + " belongs to another owner; a "
                + caller.role().name().toLowerCase(java.util.Locale.ROOT) + " token may only change its own");
    }
}
