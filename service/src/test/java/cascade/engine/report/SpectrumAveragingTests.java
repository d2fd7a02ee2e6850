package cascade.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.TestSpecs;
import cascade.engine.RunKey;
import cascade.engine.RunOutcome;
import cascade.engine.spec.ExperimentSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpectrumAveragingTests {

    /**
     * Two seeds whose top eigenvalues by |lambda| are (5, -4, 1) and (-5, 4.5, 0.5): averaged within
     * each sign, rank by rank, the curve's spectrum is (4.75, -4.5, 0.75) by hand, ordered by
     * |lambda|; the rank-by-rank mean across signs would give (0, 0.25, 0.75) and hide both spikes.
     */
    @Test
    void seedsAreAveragedWithinEachSign() {
        ExperimentSpec spec = TestSpecs.tiny("spectrum", 2, 2);
        int n = spec.sweep().n().get(0);
        List<CompletedRun> runs = List.of(
                new CompletedRun(new RunKey(1, n, 0), new RunOutcome(Map.of("nmse", 0.5), null,
                        new double[] {5, -4, 1}, Map.of())),
                new CompletedRun(new RunKey(1, n, 1), new RunOutcome(Map.of("nmse", 0.5), null,
                        new double[] {-5, 4.5, 0.5}, Map.of())));
        ExperimentReport report = Reports.assemble(spec, runs);
        double[] spectrum = report.curves().get(0).spectrum();
        assertThat(spectrum).containsExactly(new double[] {4.75, -4.5, 0.75}, within(1e-12));
    }
}
