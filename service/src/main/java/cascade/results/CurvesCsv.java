package cascade.results;

import cascade.engine.metrics.Summary;
import cascade.engine.report.ExperimentReport.Curve;
import cascade.engine.report.ExperimentReport.DirectionPoint;
import cascade.engine.report.ResultDocument;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** Curves as RFC 4180 CSV, long format: estimator,n,seeds,metric,mean,stderr,values. */
final class CurvesCsv {

    private CurvesCsv() {
    }

    static String of(ResultDocument doc) {
        StringBuilder sb = new StringBuilder("estimator,n,seeds,metric,mean,stderr,values\r\n");
        for (Curve c : doc.curves()) {
            for (Map.Entry<String, Summary> m : c.metrics().entrySet()) {
                row(sb, c, m.getKey(), m.getValue());
            }
            if (c.directions() != null) {
                for (DirectionPoint d : c.directions()) {
                    row(sb, c, "cos2[" + d.index() + "]", d.cos2());
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, Curve c, String metric, Summary s) {
        sb.append(quote(c.estimator())).append(',').append(c.n()).append(',').append(c.seeds()).append(',')
                .append(quote(metric)).append(',').append(s.mean()).append(',').append(s.stderr()).append(',')
                .append(quote(Arrays.stream(s.values()).mapToObj(Double::toString).collect(Collectors.joining(" "))))
                .append("\r\n");
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains(" ") || s.contains("[")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
