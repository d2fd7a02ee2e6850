package cascade.edge;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of failure the HTTP edges report, with its type URI ({@code https://cascade.example/problems/<slug>},
 * listed in api-spec/openapi.yaml) and the one status it is sent with. Several titles may share a type
 * (an experiment, a baseline, a dataset "not found").
 */
public enum ProblemType {

    INVALID_SPEC("invalid-spec", HttpStatus.BAD_REQUEST),
    MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST),
    BAD_PARAMETER("bad-parameter", HttpStatus.BAD_REQUEST),
    INVALID_DATASET("invalid-dataset", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    ACCESS_DISABLED("access-disabled", HttpStatus.FORBIDDEN),
    CROSS_ORIGIN("cross-origin", HttpStatus.FORBIDDEN),
    LIMIT_EXCEEDED("limit-exceeded", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    TOO_LARGE("too-large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    MEMORY_BUDGET("memory-budget", HttpStatus.UNPROCESSABLE_CONTENT),
    QUOTA_EXCEEDED("quota-exceeded", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private static final String BASE = "https://cascade.example/problems/";

    private final URI uri;
    private final HttpStatus status;

    ProblemType(String slug, HttpStatus status) {
        this.uri = URI.create(BASE + slug);
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }
}
