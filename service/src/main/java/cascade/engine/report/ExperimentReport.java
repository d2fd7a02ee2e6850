package cascade.engine.report;

import cascade.engine.metrics.Summary;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The aggregated science of an experiment (CONTRACT.md "Result" minus the envelope): curves over
 * seeds, fitted power laws, crossings, the theory overlay and the verdicts of the expectations.
 * Partial when not every run has finished: each curve point counts the seeds it has.
 */
public record ExperimentReport(
        List<Curve> curves,
        List<Fit> fits,
        List<Crossing> crossings,
        @Nullable Theory theory,
        List<Verdict> verdicts,
        @Nullable Boolean passed) {

    /** One (estimator, n) point, aggregated over the seeds that have finished. */
    public record Curve(String estimator, int n, int seeds, Map<String, Summary> metrics,
            @Nullable List<DirectionPoint> directions, double @Nullable [] spectrum,
            @Nullable Map<String, Object> info) {
    }

    /** Teacher direction {@code index} (1 = strongest) and its matched cos^2 over seeds. */
    public record DirectionPoint(int index, Summary cos2) {
    }

    /** A log-log fit metric ~ n^exponent over [nMin, nMax]; theoryExponent is the surrogate's slope there. */
    public record Fit(String estimator, String metric, double exponent, double intercept, double[] ci95,
            String intervalMethod, double r2, double nMin, double nMax, int points, @Nullable Double theoryExponent,
            @Nullable Saturating saturating) {
    }

    /** metric = a n^-b + c. */
    public record Saturating(double a, double b, double c) {
    }

    /**
     * The n where direction's seed-mean cos^2 first reaches 0.5 (log-interpolated); empty (JSON
     * null, as the contract says) when it never does in the sweep.
     */
    public record Crossing(String estimator, int direction, OptionalDouble n) {
    }

    /** SCIENCE.md 6 for the teacher of the spec (gaussian-equivalent, identity link). */
    public record Theory(@Nullable Double exponent, List<TheoryDirection> directions, List<TheoryPoint> nmse,
            List<TheoryPoint> bulkEdge, @Nullable String note) {
    }

    public record TheoryDirection(int index, double thresholdN, double crossingN, @Nullable Double alpha) {
    }

    public record TheoryPoint(double n, double value) {
    }

    /**
     * One expectation checked against the result. {@code expected} is the spec's value or the
     * baseline's (null when the baseline lacks it); {@code allowed} is the absolute deviation
     * allowed (tolerance, times |expected| when relative), null when the check could not run;
     * {@code reason} says why a verdict failed without a comparison.
     */
    public record Verdict(String estimator, String quantity, @Nullable Integer direction, @Nullable Integer n,
            @Nullable Double value, @Nullable Double expected, double tolerance, boolean relative, String against,
            @Nullable String baseline, @Nullable Double allowed, boolean pass, @Nullable String reason) {
    }
}
