package cascade.cli;

import cascade.engine.report.ExperimentReport.Fit;
import cascade.engine.report.ExperimentReport.Verdict;
import cascade.engine.report.ResultDocument;

/** A few human lines after a run: fitted exponents and verdicts. */
final class Summaries {

    private Summaries() {
    }

    static String of(ResultDocument doc) {
        StringBuilder sb = new StringBuilder();
        for (Fit fit : doc.fits()) {
            sb.append(String.format("fit %-22s %s ~ n^%.3f  [%.3f, %.3f]  R2=%.3f  n in [%.0f, %.0f]%s%n",
                    fit.estimator(), fit.metric(), fit.exponent(), fit.ci95()[0], fit.ci95()[1], fit.r2(), fit.nMin(),
                    fit.nMax(), fit.theoryExponent() == null ? "" : String.format("  theory %.3f", fit.theoryExponent())));
        }
        for (Verdict v : doc.verdicts()) {
            sb.append(String.format("%s %-22s %s = %s (expected %.4g +- %.3g)%s%n", v.pass() ? "PASS" : "FAIL",
                    v.estimator(), v.quantity(), v.value() == null ? "missing" : String.format("%.4g", v.value()),
                    v.expected(), v.tolerance(), v.reason() == null ? "" : " " + v.reason()));
        }
        sb.append(String.format("wall %.1fs", doc.timings().getOrDefault("wallSeconds", 0.0)));
        return sb.toString();
    }
}
