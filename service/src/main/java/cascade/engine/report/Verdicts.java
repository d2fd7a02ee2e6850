package cascade.engine.report;

import cascade.engine.metrics.Summary;
import cascade.engine.report.ExperimentReport.Crossing;
import cascade.engine.report.ExperimentReport.Curve;
import cascade.engine.report.ExperimentReport.Fit;
import cascade.engine.report.ExperimentReport.Verdict;
import cascade.engine.spec.Expectation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Checks each expectation of a spec against the aggregated result (CONTRACT.md "verdicts"). An
 * expectation whose quantity is missing (no fit, run not finished, metric not measured), or whose
 * baseline is missing or lacks the quantity, fails with a reason rather than passing silently.
 */
final class Verdicts {

    private Verdicts() {
    }

    static List<Verdict> check(List<Expectation> expectations, List<Curve> curves, List<Fit> fits,
            List<Crossing> crossings, @Nullable Baseline baseline) {
        List<Verdict> out = new ArrayList<>();
        for (Expectation e : expectations) {
            Optional<Double> actual = valueOf(e, curves, fits, crossings);
            Double expected;
            String reason = null;
            if (e.against() == Expectation.Against.VALUE) {
                expected = e.value();
            } else if (baseline == null) {
                expected = null;
                reason = "no baseline to compare with";
            } else {
                expected = valueOf(e, baseline.curves(), baseline.fits(), baseline.crossings()).orElse(null);
                if (expected == null) {
                    reason = "baseline " + baseline.source() + " has " + missing(e);
                }
            }
            if (actual.isEmpty()) {
                reason = "result has " + missing(e) + (reason == null ? "" : "; " + reason);
            }
            String source = e.against() == Expectation.Against.BASELINE && baseline != null ? baseline.source() : null;
            if (reason != null) {
                out.add(new Verdict(e.estimator(), e.quantity(), e.direction(), e.n(), actual.orElse(null), expected,
                        e.tolerance(), e.relative(), e.against().json(), source, null, false, reason));
            } else {
                double allowed = e.allowed(expected);
                boolean pass = Math.abs(actual.get() - expected) <= allowed;
                out.add(new Verdict(e.estimator(), e.quantity(), e.direction(), e.n(), actual.get(), expected,
                        e.tolerance(), e.relative(), e.against().json(), source, allowed, pass, null));
            }
        }
        return out;
    }

    /** The expectation's quantity in one result: fitted exponent, crossing n, or metric mean at n. */
    private static Optional<Double> valueOf(Expectation e, List<Curve> curves, List<Fit> fits,
            List<Crossing> crossings) {
        return switch (e.quantity()) {
            case "exponent" -> fits.stream().filter(f -> f.estimator().equals(e.estimator()))
                    .map(Fit::exponent).findFirst();
            case "crossing" -> crossings.stream()
                    .filter(c -> c.estimator().equals(e.estimator()) && Objects.equals(c.direction(), e.direction()))
                    .map(Crossing::n).filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).findFirst();
            default -> curves.stream()
                    .filter(c -> c.estimator().equals(e.estimator()) && Objects.equals(c.n(), e.n()))
                    .map(c -> c.metrics().get(e.quantity())).filter(Objects::nonNull)
                    .map(Summary::mean).findFirst();
        };
    }

    private static String missing(Expectation e) {
        return switch (e.quantity()) {
            case "exponent" -> "no fit for " + e.estimator() + ": fewer than 3 usable points in the window";
            case "crossing" -> "no crossing: direction " + e.direction() + " of " + e.estimator()
                    + " never reached cos2 = 0.5 in the sweep";
            default -> "no " + e.quantity() + " of " + e.estimator() + " at n = " + e.n();
        };
    }
}
