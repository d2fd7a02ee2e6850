package cascade.dashboard;

import cascade.edge.DatabaseFailures;
import cascade.experiments.ExperimentNotFoundException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Failures of the dashboard's endpoints as RFC 9457 problem details, like the API's. */
@RestControllerAdvice(basePackages = "cascade.dashboard")
class DashboardExceptionHandler {

    private static final String TYPES = "https://cascade.example/problems/";
    private static final Logger log = LoggerFactory.getLogger(DashboardExceptionHandler.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ExperimentNotFoundException ex) {
        return respond(HttpStatus.NOT_FOUND, "not-found", "Experiment not found", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownPlot(UnknownPlotException ex) {
        return respond(HttpStatus.NOT_FOUND, "not-found", "No such plot", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return respond(HttpStatus.BAD_REQUEST, "bad-parameter", "Bad request parameter", ex.getName() + ": not valid");
    }

    /** The database is down or restarting (any point of a transaction): 503 with Retry-After, else 500. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (DatabaseFailures.unavailable(ex)) {
            log.warn("database unavailable: {}", ex.getMessage());
            ResponseEntity<ProblemDetail> r = respond(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "Database unavailable", "The database is not reachable; retry shortly");
            return ResponseEntity.status(r.getStatusCode()).headers(h -> {
                h.addAll(r.getHeaders());
                h.set(HttpHeaders.RETRY_AFTER, "5");
            }).body(r.getBody());
        }
        log.error("unexpected failure", ex);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "An unexpected error occurred; it has been logged");
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPES + type));
        p.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
