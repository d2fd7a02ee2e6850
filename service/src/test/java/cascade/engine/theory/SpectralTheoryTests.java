package cascade.engine.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpectralTheoryTests {

    /** H_p(0) = p and H_p(2) -> pi^2/6 (Basel problem; tail < 1/p). */
    @Test
    void harmonicNumbers() {
        assertThat(SpectralTheory.harmonic(17, 0)).isCloseTo(17, within(1e-12));
        assertThat(SpectralTheory.harmonic(100_000, 2)).isCloseTo(Math.PI * Math.PI / 6, within(1e-4));
    }

    /** n_j = D/(2 beta_j^2) equals (D/2) H_p(2 gamma) j^(2 gamma) (SCIENCE.md 6), to rounding. */
    @Test
    void thresholdForms() {
        SpectralTheory t = new SpectralTheory(400, 10, 1.0);
        double h = SpectralTheory.harmonic(10, 2);
        for (int j = 1; j <= 10; j++) {
            assertThat(t.threshold(j)).isCloseTo(200 * h * j * j, within(1e-9));
        }
        assertThat(t.cos2(3, t.threshold(3) * 0.99)).isZero();
    }

    /**
     * Deep in 1 << recovered << p the surrogate decays as n^-(1 - 1/(2 gamma)): with gamma = 1,
     * p = 10^5 and a window where about 30 to 300 directions are recovered, the fitted slope is
     * within 0.05 of -0.5 (the asymptote of SCIENCE.md 6).
     */
    @Test
    void surrogateSlopeApproachesTheAsymptote() {
        SpectralTheory t = new SpectralTheory(1000, 100_000, 1.0);
        double nMin = t.threshold(30);
        double nMax = t.threshold(300);
        assertThat(t.slope(nMin, nMax)).isCloseTo(-0.5, within(0.05));
        assertThat(t.exponent().getAsDouble()).isEqualTo(-0.5);
        assertThat(new SpectralTheory(1000, 100, 0.4).exponent()).isEmpty();
        double previous = Double.POSITIVE_INFINITY;
        for (double n = 100; n < 1e9; n *= 2) {
            assertThat(t.nmse(n)).isLessThanOrEqualTo(previous);
            previous = t.nmse(n);
        }
    }
}
