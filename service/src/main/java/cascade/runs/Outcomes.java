package cascade.runs;

import cascade.engine.RunOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON has no NaN or infinity: such metrics are dropped (a metric that does not apply is omitted). */
final class Outcomes {

    private Outcomes() {
    }

    static RunOutcome clean(RunOutcome outcome) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        outcome.metrics().forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                metrics.put(k, v);
            }
        });
        Map<String, Object> info = new LinkedHashMap<>();
        outcome.info().forEach((k, v) -> {
            if (!(v instanceof Double d) || Double.isFinite(d)) {
                info.put(k, v);
            }
        });
        return new RunOutcome(metrics, finite(outcome.directionCos2()), finite(outcome.spectrum()), info);
    }

    private static double[] finite(double[] values) {
        if (values == null) {
            return null;
        }
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = 0;
            }
        }
        return out;
    }
}
