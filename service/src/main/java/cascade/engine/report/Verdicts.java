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

/**
 * Checks each expectation of a spec against the aggregated result (CONTRACT.md "verdicts"). An
 * expectation whose quantity is missing (no fit, run not finished, metric not measured) fails with
 * a reason rather than passing silently.
 */
final class Verdicts {

    private Verdicts() {
    }

    static List<Verdict> check(List<Expectation> expectations, List<Curve> curves, List<Fit> fits,
            List<Crossing> crossings) {
        List<Verdict> out = new ArrayList<>();
        for (Expectation e : expectations) {
            Optional<Double> actual = switch (e.quantity()) {
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
            double allowed = e.relative() ? e.tolerance() * Math.abs(e.value()) : e.tolerance();
            if (actual.isEmpty()) {
                out.add(new Verdict(e.estimator(), e.quantity(), e.direction(), e.n(), null, e.value(), e.tolerance(),
                        false, missingReason(e)));
            } else {
                boolean pass = Math.abs(actual.get() - e.value()) <= allowed;
                out.add(new Verdict(e.estimator(), e.quantity(), e.direction(), e.n(), actual.get(), e.value(),
                        e.tolerance(), pass, null));
            }
        }
        return out;
    }

    private static String missingReason(Expectation e) {
        return switch (e.quantity()) {
            case "exponent" -> "no fit: fewer than 3 usable points in the window";
            case "crossing" -> "direction " + e.direction() + " never reached cos2 = 0.5 in the sweep";
            default -> "no " + e.quantity() + " measured at n = " + e.n();
        };
    }
}
