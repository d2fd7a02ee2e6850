package cascade.api;

import cascade.experiments.Baselines;
import cascade.experiments.Experiments;
import cascade.results.Results;
import cascade.runs.RunView;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What an experiment produced, over HTTP: its runs, its result (JSON or CSV), marking it a baseline. */
@RestController
@RequestMapping("/experiments")
class ExperimentResultsController {

    private final Experiments experiments;
    private final Results results;
    private final Baselines baselines;

    ExperimentResultsController(Experiments experiments, Results results, Baselines baselines) {
        this.experiments = experiments;
        this.results = results;
        this.baselines = baselines;
    }

    @GetMapping(value = "/{id}/results", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ResponseEntity<?> results(@PathVariable UUID id, @RequestParam(defaultValue = "json") String format) {
        return switch (format) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(results.resultOf(id));
            case "csv" -> ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                    .header("Content-Disposition", "attachment; filename=\"" + id + "-curves.csv\"")
                    .body(results.curvesCsv(id));
            default -> throw new BadParameterException("format", "must be json or csv");
        };
    }

    @GetMapping("/{id}/runs")
    List<RunView> runs(@PathVariable UUID id) {
        return experiments.runsOf(id);
    }

    @PostMapping("/{id}/baseline")
    BaselineResponse markBaseline(@PathVariable UUID id) {
        return BaselineResponse.of(baselines.mark(id));
    }
}
