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
            sb.append(verdictLine(v)).append(System.lineSeparator());
        }
        sb.append(String.format("wall %.1fs", doc.timings().getOrDefault("wallSeconds", 0.0)));
        return sb.toString();
    }

    /** "PASS spectral exponent = -0.58 (expected -0.55 +- 0.08)", with the reason of a failure. */
    static String verdictLine(Verdict v) {
        return String.format("%s %-22s %s = %s (expected %s)%s", v.pass() ? "PASS" : "FAIL", v.estimator(),
                quantity(v), v.value() == null ? "missing" : String.format("%.4g", v.value()), expected(v),
                v.reason() == null ? "" : " " + v.reason());
    }

    /** exponent, crossing[2] or nmse@n=4000. */
    static String quantity(Verdict v) {
        return v.quantity() + (v.direction() != null ? "[" + v.direction() + "]" : "")
                + (v.n() != null ? "@n=" + v.n() : "");
    }

    /** "-0.55 +- 0.08", "baseline 1234: -0.55 +- 10%" or "baseline: none". */
    static String expected(Verdict v) {
        String tolerance = v.relative() ? String.format("%.3g%%", 100 * v.tolerance()) : String.format("%.3g", v.tolerance());
        String prefix = "baseline".equals(v.against()) ? "baseline" + (v.baseline() == null ? "" : " " + v.baseline()) + ": " : "";
        return prefix + (v.expected() == null ? "missing" : String.format("%.4g", v.expected())) + " +- " + tolerance;
    }
}
