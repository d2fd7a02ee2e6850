package cascade.engine.report;

import cascade.engine.report.ExperimentReport.Crossing;
import cascade.engine.report.ExperimentReport.Curve;
import cascade.engine.report.ExperimentReport.Fit;
import java.util.List;

/**
 * The reference that {@code "against": "baseline"} expectations compare with: the curves, fits
 * and crossings of an earlier result. {@code source} names it in verdicts (an experiment id on
 * the service, a file on the command line).
 */
public record Baseline(String source, List<Curve> curves, List<Fit> fits, List<Crossing> crossings) {

    public Baseline {
        curves = List.copyOf(curves);
        fits = List.copyOf(fits);
        crossings = List.copyOf(crossings);
    }

    public static Baseline of(String source, ExperimentReport report) {
        return new Baseline(source, report.curves(), report.fits(), report.crossings());
    }

    public static Baseline of(String source, ResultDocument result) {
        return new Baseline(source, result.curves(), result.fits(), result.crossings());
    }
}
