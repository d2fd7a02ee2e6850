package cascade.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.RunKey;
import cascade.engine.RunOutcome;
import cascade.engine.report.ExperimentReport.Verdict;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verdicts on synthetic runs whose quantities are known in closed form: nmse = 10 n^-b has the
 * log-log slope -b exactly; direction 1's cos2 goes 0.2 -> 0.8 between n = 100 and 400, so its
 * log-interpolated crossing of 0.5 is at sqrt(100 * 400) = 200; nmse at n = 400 is 10/400^b.
 */
class VerdictsTests {

    static final int[] NS = {100, 400, 1600};

    static List<CompletedRun> runs(double slope) {
        double[][] cos2 = {{0.2, 0.1}, {0.8, 0.2}, {0.9, 0.3}};
        List<CompletedRun> runs = new ArrayList<>();
        for (int i = 0; i < NS.length; i++) {
            for (long seed = 0; seed < 2; seed++) {
                runs.add(new CompletedRun(new RunKey(0, NS[i], seed),
                        new RunOutcome(Map.of("nmse", 10 * Math.pow(NS[i], -slope)), cos2[i], null, Map.of())));
            }
        }
        return runs;
    }

    static ExperimentSpec spec(List<Map<String, Object>> expect) {
        return SpecParser.parse(Map.of(
                "name", "verdicts",
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", 50, "p", 2),
                "estimators", List.of(Map.of("kind", "hierarchical-spectral", "name", "s")),
                "sweep", Map.of("n", List.of(100, 400, 1600), "seeds", 2),
                "expect", expect));
    }

    @Test
    void absoluteAndRelativeTolerancesAgainstFixedValues() {
        ExperimentSpec spec = spec(List.of(
                Map.of("estimator", "s", "quantity", "exponent", "value", -0.45, "tolerance", 0.06),
                Map.of("estimator", "s", "quantity", "exponent", "value", -0.45, "tolerance", 0.04),
                Map.of("estimator", "s", "quantity", "crossing", "direction", 1, "value", 210, "relativeTolerance", 0.05),
                Map.of("estimator", "s", "quantity", "crossing", "direction", 1, "value", 210, "relativeTolerance", 0.04),
                Map.of("estimator", "s", "quantity", "nmse", "n", 400, "value", 0.5, "tolerance", 1e-9)));
        ExperimentReport report = Reports.assemble(spec, runs(0.5));
        List<Verdict> v = report.verdicts();
        assertThat(v).extracting(Verdict::pass).containsExactly(true, false, true, false, true);
        assertThat(v.get(0).value()).isCloseTo(-0.5, within(1e-12));
        assertThat(v.get(0).allowed()).isEqualTo(0.06);
        assertThat(v.get(2).value()).isCloseTo(200.0, within(1e-9));
        // 5% of 210 = 10.5 >= |200 - 210|; 4% = 8.4 < 10
        assertThat(v.get(2).allowed()).isCloseTo(10.5, within(1e-12));
        assertThat(v.get(2).relative()).isTrue();
        assertThat(v.get(4).value()).isCloseTo(0.5, within(1e-12));
        assertThat(report.passed()).isFalse();
        assertThat(v).allSatisfy(x -> assertThat(x.against()).isEqualTo("value"));
    }

    @Test
    void baselineSuppliesTheExpectedValue() {
        ExperimentSpec spec = spec(List.of(
                Map.of("estimator", "s", "quantity", "exponent", "against", "baseline", "tolerance", 0.15),
                Map.of("estimator", "s", "quantity", "exponent", "against", "baseline", "tolerance", 0.05),
                Map.of("estimator", "s", "quantity", "nmse", "n", 1600, "against", "baseline", "relativeTolerance", 0.5)));
        Baseline baseline = Baseline.of("earlier", Reports.assemble(spec, runs(0.6)));
        List<Verdict> v = Reports.assemble(spec, runs(0.5), baseline).verdicts();
        // slopes -0.5 against -0.6: |0.1| within 0.15, not within 0.05
        assertThat(v).extracting(Verdict::pass).containsExactly(true, false, false);
        assertThat(v.get(0).expected()).isCloseTo(-0.6, within(1e-12));
        assertThat(v.get(0).baseline()).isEqualTo("earlier");
        // nmse at 1600: 10/40 = 0.25 against 10/1600^0.6 = 0.119: off by 110%, more than 50%
        assertThat(v.get(2).expected()).isCloseTo(10 * Math.pow(1600, -0.6), within(1e-12));
        assertThat(v.get(2).value()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aMissingBaselineOrQuantityFailsWithAReason() {
        ExperimentSpec spec = spec(List.of(
                Map.of("estimator", "s", "quantity", "exponent", "against", "baseline", "tolerance", 1),
                Map.of("estimator", "s", "quantity", "crossing", "direction", 2, "value", 100, "tolerance", 1e9),
                Map.of("estimator", "s", "quantity", "nmse", "n", 800, "against", "baseline", "tolerance", 1)));
        List<Verdict> none = Reports.assemble(spec, runs(0.5)).verdicts();
        assertThat(none).extracting(Verdict::pass).containsOnly(false);
        assertThat(none.get(0).reason()).contains("no baseline");
        assertThat(none.get(0).expected()).isNull();
        assertThat(none.get(0).value()).isCloseTo(-0.5, within(1e-12));
        assertThat(none.get(1).reason()).contains("direction 2").contains("never reached");
        assertThat(none.get(2).reason()).contains("no nmse of s at n = 800");

        Baseline empty = new Baseline("empty.json", List.of(), List.of(), List.of());
        List<Verdict> lacking = Reports.assemble(spec, runs(0.5), empty).verdicts();
        assertThat(lacking.get(0).pass()).isFalse();
        assertThat(lacking.get(0).reason()).contains("baseline empty.json has no fit for s");
    }
}
