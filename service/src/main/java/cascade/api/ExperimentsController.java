package cascade.api;

import cascade.access.Caller;
import cascade.access.ExperimentChanges;
import cascade.access.SubmissionGuard;
import cascade.datasets.Datasets;
import cascade.engine.spec.DatasetShape;
import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import cascade.experiments.ExperimentPage;
import cascade.experiments.ExperimentQuery;
import cascade.experiments.Experiments;
import cascade.experiments.Submission;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Experiments over HTTP (submit, list, get, cancel, retry, delete): parse, call one front-door
 * method, map the answer. What an experiment produced is {@link ExperimentResultsController}'s.
 */
@RestController
@RequestMapping("/experiments")
class ExperimentsController {

    private final Experiments experiments;
    private final Datasets datasets;
    private final SubmissionGuard guard;
    private final ExperimentChanges changes;

    ExperimentsController(Experiments experiments, Datasets datasets, SubmissionGuard guard,
            ExperimentChanges changes) {
        this.experiments = experiments;
        this.datasets = datasets;
        this.guard = guard;
        this.changes = changes;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ExperimentResponse> submit(@RequestBody @Nullable Object body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        Caller caller = Callers.current();
        DatasetShape.Catalog stored = datasets.catalogFor(caller.owner());
        ExperimentSpec spec = SpecParser.parse(body, stored);
        DatasetShape shape = spec.teacher() instanceof DatasetTeacher d ? stored.shape(d.id()) : null;
        Submission submission = guard.submit(caller, spec, IdempotencyKeys.check(idempotencyKey), shape);
        return ResponseEntity.accepted()
                .location(URI.create("/experiments/" + submission.experiment().id()))
                .header("Idempotent-Replayed", Boolean.toString(!submission.created()))
                .body(ExperimentResponse.of(submission.experiment()));
    }

    @GetMapping
    PageResponse list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        ExperimentPage page = experiments.list(new ExperimentQuery(ExperimentQuery.status(status), tag, name, cursor,
                limit));
        return new PageResponse(page.items().stream().map(ExperimentResponse::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    ExperimentResponse get(@PathVariable UUID id) {
        return ExperimentResponse.of(experiments.get(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        changes.delete(Callers.current(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/cancel")
    ExperimentResponse cancel(@PathVariable UUID id) {
        return ExperimentResponse.of(changes.cancel(Callers.current(), id));
    }

    @PostMapping("/{id}/retry")
    ExperimentResponse retry(@PathVariable UUID id) {
        return ExperimentResponse.of(changes.retry(Callers.current(), id));
    }

    record PageResponse(List<ExperimentResponse> items, @Nullable String nextCursor) {
    }
}
