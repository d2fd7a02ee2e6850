package cascade.api;

import cascade.access.LimitExceededException;
import cascade.access.NotOwnerException;
import cascade.access.QuotaExceededException;
import cascade.access.TokenNotFoundException;
import cascade.access.TokenRequestException;
import cascade.datasets.DatasetInUseException;
import cascade.datasets.DatasetNotFoundException;
import cascade.datasets.DatasetTooLargeException;
import cascade.datasets.InvalidDatasetRequestException;
import cascade.edge.DatabaseFailures;
import cascade.edge.ProblemType;
import cascade.edge.Problems;
import cascade.engine.MemoryBudgetExceededException;
import cascade.engine.MemoryEstimate;
import cascade.engine.dataset.InvalidDatasetException;
import cascade.engine.spec.FieldError;
import cascade.engine.spec.InvalidSpecException;
import cascade.experiments.BaselineNotFoundException;
import cascade.experiments.ExperimentNotFoundException;
import cascade.experiments.ExperimentStateException;
import cascade.experiments.InvalidQueryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure of the HTTP edge as an RFC 9457 problem detail; one method per exception type. */
@RestControllerAdvice(basePackages = "cascade.api")
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidSpec(InvalidSpecException ex) {
        ProblemDetail p = Problems.of(ProblemType.INVALID_SPEC, "Invalid experiment spec",
                ex.total() + " field(s) are invalid: " + ex.getMessage());
        p.setProperty("errors", ex.errors());
        if (ex.omitted() > 0) {
            p.setProperty("errorsOmitted", ex.omitted());
        }
        return respond(p);
    }

    /**
     * A well-formed spec whose largest run would not fit the memory budget: 422 with the estimate,
     * its biggest terms, the budget, and per estimator over budget the largest n that would fit.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(MemoryBudgetExceededException ex) {
        ProblemDetail p = Problems.of(ProblemType.MEMORY_BUDGET, "Run would not fit in memory",
                ex.getMessage());
        MemoryEstimate e = ex.estimate();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("estimator", e.estimator());
        memory.put("n", e.n());
        memory.put("phase", e.phase());
        memory.put("estimateBytes", e.bytes());
        memory.put("budgetBytes", ex.budget());
        memory.put("largestTerms", e.largestTerms(3).stream()
                .map(t -> Map.of("name", t.name(), "bytes", t.bytes())).toList());
        memory.put("fits", ex.fits().stream()
                .map(f -> Map.of("estimator", f.estimator(), "largestN", f.largestN(), "estimateBytes",
                        f.estimateBytes())).toList());
        p.setProperty("memory", memory);
        return respond(p);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodySizeFilter.BodyTooLargeException tooLarge) {
                return respond(Problems.of(ProblemType.TOO_LARGE, "Request body too large",
                        tooLarge.getMessage()));
            }
        }
        return naming(List.of(new FieldError("$", "not valid JSON")), ProblemType.MALFORMED_JSON, "Malformed JSON",
                "The request body is not valid JSON: " + firstLine(ex.getMostSpecificCause().getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badParameter(BadParameterException ex) {
        return badParameter(ex.parameter(), ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badQuery(InvalidQueryException ex) {
        return badParameter(ex.parameter(), ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String expected = ex.getRequiredType() == null ? "a valid value" : ex.getRequiredType().getSimpleName();
        return badParameter(ex.getName(), "must be " + expected);
    }

    /** A 400 naming one bad query parameter or header, in the same errors shape as a bad spec. */
    private static ResponseEntity<ProblemDetail> badParameter(String parameter, String message) {
        return naming(List.of(new FieldError(parameter, message)), ProblemType.BAD_PARAMETER, "Bad request parameter",
                parameter + ": " + message);
    }

    /** A problem whose {@code errors} name each bad field, as every 400 about input does. */
    private static ResponseEntity<ProblemDetail> naming(List<FieldError> errors, ProblemType type, String title,
            String detail) {
        ProblemDetail p = Problems.of(type, title, detail);
        p.setProperty("errors", errors);
        return respond(p);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ExperimentNotFoundException ex) {
        return respond(Problems.of(ProblemType.NOT_FOUND, "Experiment not found", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> baselineNotFound(BaselineNotFoundException ex) {
        return respond(Problems.of(ProblemType.NOT_FOUND, "Baseline not found", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(ExperimentStateException ex) {
        return respond(Problems.of(ProblemType.CONFLICT, "Not possible in the experiment's state", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(NotOwnerException ex) {
        return respond(Problems.of(ProblemType.FORBIDDEN, "Forbidden", ex.getMessage()));
    }

    /** The spec is valid but asks for more than the caller's token allows; names every field. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> limitExceeded(LimitExceededException ex) {
        return naming(ex.errors(), ProblemType.LIMIT_EXCEEDED, "Over this token's limits",
                ex.errors().size() + " field(s) exceed this token's limits: " + ex.getMessage());
    }

    /** Too many of the owner's runs are waiting or running; retry once some have finished. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> quotaExceeded(QuotaExceededException ex) {
        ProblemDetail p = Problems.of(ProblemType.QUOTA_EXCEEDED, "Queued-run quota exceeded",
                ex.getMessage());
        p.setProperty("limit", ex.limit());
        p.setProperty("current", ex.current());
        p.setProperty("requested", ex.requested());
        return Problems.respond(p, Problems.retryAfter(60));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tokenNotFound(TokenNotFoundException ex) {
        return respond(Problems.of(ProblemType.NOT_FOUND, "Token not found", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badTokenRequest(TokenRequestException ex) {
        return badParameter(ex.field(), ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException ex) {
        return badParameter(ex.getParameterName(), "is required");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidDataset(InvalidDatasetException ex) {
        return naming(List.of(new FieldError(ex.part(), ex.getMessage())), ProblemType.INVALID_DATASET,
                "Invalid dataset", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badDatasetRequest(InvalidDatasetRequestException ex) {
        return badParameter(ex.parameter(), ex.getMessage());
    }

    @ExceptionHandler({DatasetTooLargeException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<ProblemDetail> tooLarge(Exception ex) {
        String detail = ex instanceof DatasetTooLargeException ? ex.getMessage()
                : "the upload is larger than the limit (cascade.datasets.max-size)";
        return respond(Problems.of(ProblemType.TOO_LARGE, "Upload too large", detail));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badMultipart(MultipartException ex) {
        return badParameter("body", "not a readable multipart/form-data upload: " + firstLine(ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> datasetNotFound(DatasetNotFoundException ex) {
        return respond(Problems.of(ProblemType.NOT_FOUND, "Dataset not found", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> datasetInUse(DatasetInUseException ex) {
        ProblemDetail p = Problems.of(ProblemType.CONFLICT, "Dataset in use", ex.getMessage());
        p.setProperty("experiments", ex.experiments());
        return respond(p);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
        return respond(Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Send the spec as application/json"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
        return respond(Problems.of(ProblemType.METHOD_NOT_ALLOWED, "Method not allowed", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException ex) {
        return respond(Problems.of(ProblemType.NOT_FOUND, "Not found", ex.getMessage()));
    }

    /**
     * The database is down or restarting, or a transaction lost a lock race: tell clients when to
     * come back instead of failing hard.
     */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        log.warn("database unavailable: {}", ex.getMessage());
        ProblemDetail p = Problems.of(ProblemType.UNAVAILABLE, "Database unavailable",
                "The database is not reachable; retry shortly");
        return Problems.respond(p, Problems.retryAfter(5));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (DatabaseFailures.unavailable(ex)) {
            return databaseUnavailable(ex);
        }
        log.error("unexpected failure", ex);
        return respond(Problems.of(ProblemType.INTERNAL, "Internal error",
                "An unexpected error occurred; it has been logged"));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return Problems.respond(p);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

}
