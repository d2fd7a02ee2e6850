package cascade.api;

import cascade.edge.ProblemType;
import cascade.edge.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps every request body except dataset uploads at {@code cascade.api.max-body-size}: a declared
 * Content-Length above it is refused at once (413), and a chunked body is counted as it is read,
 * so parsing stops at the limit instead of building a large tree in memory. Runs before access
 * control, which never reads bodies.
 */
@Component
@EnableConfigurationProperties(ApiProperties.class) // also in web slice tests, which scan no properties
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class BodySizeFilter extends OncePerRequestFilter {

    private final long limit;
    private final JsonMapper json;

    BodySizeFilter(ApiProperties properties, JsonMapper json) {
        this.limit = properties.maxBodySize().toBytes();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/datasets") && request.getMethod().equals("POST"); // cascade.datasets.max-size applies
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            Problems.write(response, Problems.of(ProblemType.TOO_LARGE, "Request body too large", "The body has "
                    + request.getContentLengthLong() + " bytes; this endpoint reads at most " + limit), json);
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    /** Thrown by the wrapped stream past the limit; mapped to 413 by {@link ApiExceptionHandler}. */
    static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(long limit) {
            super("the request body is longer than " + limit + " bytes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream counted;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                ServletInputStream in = super.getInputStream();
                counted = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return counted;
        }
    }
}
