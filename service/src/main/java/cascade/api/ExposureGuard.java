package cascade.api;

import cascade.access.AccessTokens;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Closed by default: the HTTP server may listen beyond loopback only with access control on.
 * Without a token anyone who reaches the port could submit, delete and read every experiment, so
 * the service refuses to start that way (before the port opens) and says what to set. The default
 * {@code server.address} is 127.0.0.1; a worker-only process (no web server) is not concerned.
 */
@Component
class ExposureGuard {

    ExposureGuard(AccessTokens tokens, Environment environment, ApplicationContext context) {
        if (context instanceof WebServerApplicationContext) {
            check(tokens.enabled(), environment.getProperty("server.address"));
        }
    }

    /** Throws when access control is off and {@code address} is not a loopback address. */
    static void check(boolean accessControl, @Nullable String address) {
        if (accessControl || isLoopback(address)) {
            return;
        }
        throw new IllegalStateException("refusing to listen on " + (address == null || address.isBlank()
                ? "every interface" : address) + " with access control off: anyone who reaches the port could "
                + "use the API. Either listen on loopback only (server.address=127.0.0.1, the default) or turn "
                + "access control on (CASCADE_ACCESS_ENABLED=true with CASCADE_ACCESS_BOOTSTRAPTOKEN or "
                + "CASCADE_ACCESS_BOOTSTRAPTOKENFILE)");
    }

    static boolean isLoopback(@Nullable String address) {
        if (address == null || address.isBlank()) {
            return false; // no address: Tomcat binds every interface
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
