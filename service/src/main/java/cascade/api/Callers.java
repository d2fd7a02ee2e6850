package cascade.api;

import cascade.access.Caller;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is calling, as {@link AccessFilter} put it on the request: with access control off every
 * caller is the local user "local" (an admin); with it on, the owner and role of the bearer token.
 * What a caller may do is decided in the access module.
 */
final class Callers {

    static final String ATTRIBUTE = Caller.class.getName();

    private Callers() {
    }

    /** The owner of the current request's caller. */
    static String owner() {
        return current().owner();
    }

    /** The caller of the current request; fails closed when the filter did not run. */
    static Caller current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object caller = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof Caller c) {
            return c;
        }
        throw new IllegalStateException("no caller on this request: AccessFilter did not run");
    }
}
