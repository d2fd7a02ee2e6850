package cascade.edge;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one factory of RFC 9457 problem details: controllers' exception handlers answer with
 * {@link #respond}, a servlet filter (which runs before Spring MVC) writes the same JSON with
 * {@link #write}. Types and statuses come from {@link ProblemType} only.
 */
public final class Problems {

    private Problems() {
    }

    /** A problem of this type with a human-readable title and detail; add fields with {@code setProperty}. */
    public static ProblemDetail of(ProblemType type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(type.status(), detail);
        p.setType(type.uri());
        p.setTitle(title);
        return p;
    }

    /** The problem as an {@code application/problem+json} response with its status. */
    public static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return respond(problem, HttpHeaders.EMPTY);
    }

    /** The same, with extra headers (e.g. Retry-After). */
    public static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A header set of one Retry-After, in seconds. */
    public static HttpHeaders retryAfter(int seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(seconds));
        return headers;
    }

    /**
     * Writes the problem as the whole response, outside Spring MVC (a filter): type, title,
     * status, detail, then the extra properties, in that order.
     */
    public static void write(HttpServletResponse response, ProblemDetail problem, JsonMapper json) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
