package cascade.dashboard;

import cascade.experiments.ExperimentNotFoundException;
import cascade.problems.ProblemType;
import cascade.problems.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Failures of the dashboard's endpoints as RFC 9457 problem details, like the API's. */
@RestControllerAdvice(basePackages = "cascade.dashboard")
class DashboardExceptionHandler {

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
}
