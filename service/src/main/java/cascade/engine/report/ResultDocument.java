package cascade.engine.report;

import cascade.engine.report.ExperimentReport.Crossing;
import cascade.engine.report.ExperimentReport.Curve;
import cascade.engine.report.ExperimentReport.Fit;
import cascade.engine.report.ExperimentReport.Theory;
import cascade.engine.report.ExperimentReport.Verdict;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CONTRACT.md "Result" exactly: what GET /experiments/{id}/results answers and what the command
 * line prints. {@code progress} is the service's run counts (absent on the command line).
 */
public record ResultDocument(
        String experiment,
        String status,
        Map<String, Object> spec,
        @Nullable Object progress,
        List<Curve> curves,
        List<Fit> fits,
        List<Crossing> crossings,
        @Nullable Theory theory,
        List<Verdict> verdicts,
        @Nullable Boolean passed,
        Map<String, Double> timings) {

    public static ResultDocument of(String experiment, String status, Map<String, Object> spec,
            @Nullable Object progress, ExperimentReport report, Map<String, Double> timings) {
        return new ResultDocument(experiment, status, spec, progress, report.curves(), report.fits(),
                report.crossings(), report.theory(), report.verdicts(), report.passed(), timings);
    }
}
