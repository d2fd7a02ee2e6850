package cascade.dashboard;

import cascade.experiments.ExperimentNotFoundException;
import java.net.URI;
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

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPES + type));
        p.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
