package cascade.api;

import cascade.access.AccessTokens;
import cascade.access.Caller;
import cascade.access.Role;
import cascade.edge.ProblemType;
import cascade.edge.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer-token access control for every path the servlet container serves (API, actuator, and
 * whatever edge is added later), as one table: health is open; /tokens needs an admin; reads
 * need a reader; submitting, cancelling, retrying and deleting experiments need a submitter (the
 * access module then checks ownership); any other write needs an admin, so a new endpoint is closed
 * until someone opens it here. A filter rather than a HandlerInterceptor because interceptors do
 * not see actuator endpoints; rather than Spring Security because this is the whole policy, and
 * that starter would switch on sessions, CSRF and login defaults for every other edge.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class AccessFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AccessFilter.class);
    private static final String REALM = "Bearer realm=\"cascade\"";
    static final String COOKIE = "cascade_token";
    private static final Pattern EXPERIMENT_CHANGE = Pattern.compile("/experiments/[^/]+/(cancel|retry)");
    private static final Pattern EXPERIMENT = Pattern.compile("/experiments/[^/]+");
    private static final Pattern DATASET = Pattern.compile("/datasets/[^/]+");

    private final AccessTokens tokens;
    private final JsonMapper json;

    AccessFilter(AccessTokens tokens, JsonMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = normalizedPath(request);
        if (!tokens.enabled()) {
            if (path.equals("/tokens") || path.startsWith("/tokens/")) {
                // A token minted while access control is off would be a real admin row that keeps
                // working once it is turned on: with no one to authenticate, nobody may mint one.
                write(response, ProblemType.ACCESS_DISABLED, "Access control is off",
                        "Tokens are managed only with access control on (cascade.access.enabled=true and a "
                                + "bootstrap token); while it is off every caller is the local owner",
                        Map.of());
                return;
            }
            request.setAttribute(Callers.ATTRIBUTE, Caller.LOCAL);
            chain.doFilter(request, response);
            return;
        }
        Role required = requiredRole(request.getMethod(), path);
        if (required == null && !path.equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            required = Role.READER; // open only when asked for plainly: no encodings, ";" parameters or ".."
        }
        if (required == null) {
            chain.doFilter(request, response);
            return;
        }
        String secret = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (secret == null) {
            secret = cookie(request);
            if (secret != null && !isSafe(request.getMethod()) && !sameOrigin(request)) {
                write(response, ProblemType.CROSS_ORIGIN, "Cross-origin write refused",
                        "A write authenticated by the dashboard's cookie must come from the dashboard's own origin "
                                + "(Origin or Sec-Fetch-Site); other clients send Authorization: Bearer <token>",
                        Map.of());
                return;
            }
        }
        if (secret == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
            write(response, ProblemType.UNAUTHORIZED, "Authentication required",
                    "Send Authorization: Bearer <token>", Map.of());
            return;
        }
        Optional<Caller> caller;
        try {
            caller = tokens.authenticate(secret);
        } catch (DataAccessException | TransactionException down) {
            log.warn("database unavailable while checking a token: {}", down.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(response, ProblemType.UNAVAILABLE, "Database unavailable", "The database is not reachable; retry shortly",
                    Map.of());
            return;
        }
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
            write(response, ProblemType.UNAUTHORIZED, "Invalid token", "The token is unknown or revoked", Map.of());
            return;
        }
        if (!caller.get().role().includes(required)) {
            write(response, ProblemType.FORBIDDEN, "Forbidden", request.getMethod() + " " + path + " needs the "
                    + name(required) + " role; this token is " + name(caller.get().role()),
                    Map.of("requiredRole", name(required)));
            return;
        }
        request.setAttribute(Callers.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    /**
     * The path as the container decoded and normalised it (percent-decoding, ";" path parameters
     * removed, "." and ".." resolved), which is what the handler mappings route on: deciding on
     * the raw URI would let "/tokens;x" or "/%74okens" reach the token list as a mere reader.
     */
    private static String normalizedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /** The role a request needs; null when it is open to everyone. */
    static @Nullable Role requiredRole(String method, String path) {
        if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
            return null;
        }
        // The dashboard's own files hold no data; the page asks for a token when the API answers 401.
        if ((method.equals("GET") || method.equals("HEAD")) && (path.equals("/") || path.equals("/index.html")
                || path.equals("/favicon.ico") || path.startsWith("/dashboard/"))) {
            return null;
        }
        if (path.equals("/tokens") || path.startsWith("/tokens/")) {
            return Role.ADMIN;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return Role.READER;
        }
        // Submitters upload and delete their own datasets (Datasets scopes every call by owner).
        boolean submits = method.equals("POST") && (path.equals("/experiments") || path.equals("/datasets"));
        boolean changes = (method.equals("POST") && EXPERIMENT_CHANGE.matcher(path).matches())
                || (method.equals("DELETE") && (EXPERIMENT.matcher(path).matches() || DATASET.matcher(path).matches()));
        return submits || changes ? Role.SUBMITTER : Role.ADMIN;
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /**
     * Whether a browser says this request comes from the page's own origin. SameSite=Strict keeps
     * other sites' pages from sending the cookie, but not other ports or sibling hosts of the same
     * site, so a cookie-authenticated write must also be same-origin: {@code Sec-Fetch-Site}
     * (every current browser sends it) must say {@code same-origin}, and an {@code Origin} header,
     * when present, must name this request's own host and port. A request with neither header is
     * refused: browsers send {@code Origin} on every cross-origin and same-origin write.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return site != null;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        try {
            String authority = java.net.URI.create(origin).getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static @Nullable String bearer(@Nullable String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * The dashboard's token, from the {@value #COOKIE} cookie it sets (SameSite=Strict, so other
     * sites' pages never send it: no cross-site request forgery), because images and EventSource
     * cannot send an Authorization header.
     */
    private static @Nullable String cookie(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (jakarta.servlet.http.Cookie c : cookies) {
            if (COOKIE.equals(c.getName()) && c.getValue() != null && !c.getValue().isBlank()) {
                return c.getValue().strip();
            }
        }
        return null;
    }

    private static String name(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Answers the request with a problem of this type (extra properties in order) instead of passing it on. */
    private void write(HttpServletResponse response, ProblemType type, String title, String detail,
            Map<String, Object> extra) throws IOException {
        ProblemDetail problem = Problems.of(type, title, detail);
        extra.forEach(problem::setProperty);
        Problems.write(response, problem, json);
    }
}
