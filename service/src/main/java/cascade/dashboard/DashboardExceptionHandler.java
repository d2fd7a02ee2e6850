package cascade.dashboard;

import cascade.edge.DatabaseFailures;
import cascade.edge.ProblemType;
import cascade.edge.Problems;
import cascade.experiments.ExperimentNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Failures of the dashboard's endpoints as RFC 9457 problem details, like the API's. */
@RestControllerAdvice(basePackages = "cascade.dashboard")
class DashboardExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DashboardExceptionHandler.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ExperimentNotFoundException ex) {
        return Problems.respond(Problems.of(ProblemType.NOT_FOUND, "Experiment not found", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownPlot(UnknownPlotException ex) {
        return Problems.respond(Problems.of(ProblemType.NOT_FOUND, "No such plot", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return Problems.respond(Problems.of(ProblemType.BAD_PARAMETER, "Bad request parameter",
                ex.getName() + ": not valid"));
    }

    /** The database is down or restarting (any point of a transaction): 503 with Retry-After, else 500. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (DatabaseFailures.unavailable(ex)) {
            log.warn("database unavailable: {}", ex.getMessage());
            return Problems.respond(Problems.of(ProblemType.UNAVAILABLE, "Database unavailable",
                    "The database is not reachable; retry shortly"), Problems.retryAfter(5));
        }
        log.error("unexpected failure", ex);
        return Problems.respond(Problems.of(ProblemType.INTERNAL, "Internal error",
                "An unexpected error occurred; it has been logged"));
    }
}
