package cascade.engine.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.Engine;
import cascade.engine.RunControl;
import cascade.engine.RunKey;
import cascade.engine.RunOutcome;
import cascade.engine.linalg.Blas;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HierarchicalSpectralTests {

    static ExperimentSpec spike(int features, int p, int directions) {
        return SpecParser.parse(Map.of(
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", features, "p", p),
                "estimators", List.of(Map.of("kind", "hierarchical-spectral", "directions", directions)),
                "sweep", Map.of("n", List.of(100), "seeds", 1),
                "test", Map.of("n", 1000)));
    }

    static double meanCos2(ExperimentSpec spec, int n, int seeds) {
        double s = 0;
        for (int seed = 0; seed < seeds; seed++) {
            s += Engine.run(spec, new RunKey(0, n, seed), RunControl.NONE).directionCos2()[0];
        }
        return s / seeds;
    }

    /**
     * One planted spike (p = 1, beta = 1) in the gaussian-equivalent model: BBP threshold
     * n_1 = D / (2 beta^2) = 150 for D = 300, and above it cos^2 ~ 1 - (1 + 4 beta^2) n_1 / n
     * (SCIENCE.md 6, first order). At n = 20 n_1 = 3000 the formula gives 0.75; the seed mean of
     * 6 teachers must agree within 0.08 (finite-size corrections are O(n_1/n)^2 ~ 0.06 here, seed
     * noise ~ 0.01). Far below threshold (n = n_1 / 3) the top eigenvector is a bulk direction:
     * cos^2 under 0.15 (a random direction has 1/D).
     */
    @Test
    void plantedSpikeFollowsTheBbpTransition() {
        ExperimentSpec spec = spike(300, 1, 1);
        double above = meanCos2(spec, 3000, 6);
        assertThat(above).isCloseTo(1 - 5 * 150.0 / 3000, within(0.08));
        double below = meanCos2(spec, 50, 6);
        assertThat(below).isLessThan(0.15);
    }

    /** Sequential recovery (P1): with b_j = j^-1 the strongest direction is recovered first. */
    @Test
    void strongDirectionsAreRecoveredBeforeWeakOnes() {
        ExperimentSpec spec = spike(120, 4, 4);
        double[] cos2 = new double[4];
        for (int seed = 0; seed < 4; seed++) {
            RunOutcome o = Engine.run(spec, new RunKey(0, 2000, seed), RunControl.NONE);
            for (int j = 0; j < 4; j++) {
                cos2[j] += o.directionCos2()[j] / 4;
            }
        }
        // thresholds n_j = (D/2) H_4(2) j^2 = 85 j^2: 85, 340, 765, 1360
        assertThat(cos2[0]).isGreaterThan(cos2[3]);
        assertThat(cos2[0]).isGreaterThan(0.8);
    }

    /** Same spec and seed: the same numbers, bit for bit; with 1 or 2 BLAS threads within 1e-9. */
    @Test
    void runsAreDeterministic() {
        ExperimentSpec spec = spike(200, 3, 3);
        RunKey key = new RunKey(0, 1500, 7);
        Blas.setThreads(1);
        RunOutcome a = Engine.run(spec, key, RunControl.NONE);
        RunOutcome b = Engine.run(spec, key, RunControl.NONE);
        assertThat(a.metrics()).isEqualTo(b.metrics());
        assertThat(a.directionCos2()).isEqualTo(b.directionCos2());
        Blas.setThreads(2);
        RunOutcome c = Engine.run(spec, key, RunControl.NONE);
        Blas.setThreads(1);
        assertThat(c.metrics().get("nmse")).isCloseTo(a.metrics().get("nmse"), within(1e-9));
    }

    /** The histogram covers all D eigenvalues of the operator. */
    @Test
    void histogramCountsTheWholeSpectrum() {
        ExperimentSpec spec = SpecParser.parse(Map.of(
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", 150, "p", 2),
                "estimators", List.of(Map.of("kind", "hierarchical-spectral", "histogram", 20)),
                "sweep", Map.of("n", List.of(100), "seeds", 1), "test", Map.of("n", 500)));
        RunOutcome o = Engine.run(spec, new RunKey(0, 1000, 1), RunControl.NONE);
        @SuppressWarnings("unchecked")
        Map<String, Object> h = (Map<String, Object>) o.info().get("histogram");
        assertThat(java.util.Arrays.stream((int[]) h.get("counts")).sum()).isEqualTo(150);
        assertThat((double[]) h.get("edges")).hasSize(21);
    }

    /** Automatic direction count keeps only eigenvalues above the bulk edge (SCIENCE.md 8). */
    @Test
    void automaticDirectionsKeepOnlySpikesAboveTheBulk() {
        ExperimentSpec spec = SpecParser.parse(Map.of(
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", 200, "p", 6),
                "estimators", List.of(Map.of("kind", "hierarchical-spectral", "directions", "auto")),
                "sweep", Map.of("n", List.of(100), "seeds", 1),
                "test", Map.of("n", 1000)));
        // thresholds n_j = 100 H_6(2) j^2 ~ 149 j^2: at n = 1500 directions 1-3 are above (149, 596, 1341).
        RunOutcome o = Engine.run(spec, new RunKey(0, 1500, 1), RunControl.NONE);
        int kept = (Integer) o.info().get("directionsKept");
        assertThat(kept).isBetween(1, 4);
    }
}
