package cascade.engine.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.random.Streams;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class FitTests {

    static double[] geometric(double from, double to, int points) {
        double[] n = new double[points];
        for (int i = 0; i < points; i++) {
            n[i] = from * Math.pow(to / from, i / (points - 1.0));
        }
        return n;
    }

    /** Noiseless metric = 3 n^-0.55 over a given window: exponent and intercept exact (1e-10). */
    @Test
    void recoversAKnownExponentFromNoiselessData() {
        double[] n = geometric(1000, 100000, 9);
        double[][] v = new double[n.length][];
        for (int i = 0; i < n.length; i++) {
            v[i] = new double[] {3 * Math.pow(n[i], -0.55)};
        }
        PowerLaw fit = PowerLawFit.fit(n, v, 1000.0, 100000.0).orElseThrow();
        assertThat(fit.exponent()).isCloseTo(-0.55, within(1e-10));
        assertThat(fit.intercept()).isCloseTo(Math.log(3), within(1e-10));
        assertThat(fit.r2()).isCloseTo(1.0, within(1e-12));
    }

    /**
     * Multiplicative lognormal noise (sigma = 0.1 per seed, 8 seeds) on n^-0.5: the bootstrap 95%
     * interval covers the truth and the estimate is within 3 of its standard errors; repeated over
     * 20 independent data sets, coverage must be at least 16/20 (nominal 19).
     */
    @Test
    void recoversAKnownExponentFromNoisyData() {
        double[] n = geometric(1000, 64000, 7);
        int covered = 0;
        for (int rep = 0; rep < 20; rep++) {
            UniformRandomProvider rng = Streams.provider(rep, "noisy-fit");
            double[][] v = new double[n.length][8];
            for (int i = 0; i < n.length; i++) {
                for (int s = 0; s < 8; s++) {
                    v[i][s] = Math.pow(n[i], -0.5) * Math.exp(0.1 * Streams.normals(rng, 1)[0]);
                }
            }
            PowerLaw fit = PowerLawFit.fit(n, v, 1000.0, 64000.0).orElseThrow();
            assertThat(fit.intervalMethod()).isEqualTo("bootstrap-seeds");
            assertThat(fit.exponent()).isCloseTo(-0.5, within(0.05));
            if (fit.ci95Low() <= -0.5 && -0.5 <= fit.ci95High()) {
                covered++;
            }
        }
        assertThat(covered).isGreaterThanOrEqualTo(16);
    }

    /**
     * A curve with two plateaus, 1/(1 + (n/n0)^0.8) + 1e-3: the automatic window must drop the
     * initial plateau and the floor, and the slope inside is close to -0.8.
     */
    @Test
    void automaticWindowAvoidsBothPlateaus() {
        double[] n = geometric(10, 1e7, 25);
        double[][] v = new double[n.length][];
        for (int i = 0; i < n.length; i++) {
            v[i] = new double[] {1 / (1 + Math.pow(n[i] / 1000, 0.8)) + 1e-3};
        }
        PowerLaw fit = PowerLawFit.fit(n, v, null, null).orElseThrow();
        // Local slope of the knee at n0 = 1000 is -0.4, half the asymptotic -0.8: the window
        // starts around there; the floor 1e-3 equals the decaying part at n ~ 5.6e6 and flattens the last points.
        assertThat(fit.nMin()).isGreaterThanOrEqualTo(900);
        assertThat(fit.nMax()).isLessThan(1e7);
        assertThat(fit.exponent()).isCloseTo(-0.8, within(0.15));
    }

    @Test
    void tooFewPointsGiveNoFit() {
        Optional<PowerLaw> fit = PowerLawFit.fit(new double[] {10, 20}, new double[][] {{1}, {0.5}}, null, null);
        assertThat(fit).isEmpty();
    }

    /** Noiseless a n^-b + c with a = 5, b = 0.7, c = 0.01 is recovered by Levenberg-Marquardt (1e-6). */
    @Test
    void saturatingFitRecoversItsParameters() {
        double[] n = geometric(100, 1e6, 12);
        double[] m = new double[n.length];
        double[][] v = new double[n.length][];
        for (int i = 0; i < n.length; i++) {
            m[i] = 5 * Math.pow(n[i], -0.7) + 0.01;
            v[i] = new double[] {m[i]};
        }
        PowerLaw start = PowerLawFit.fit(n, v, 100.0, 1e6).orElseThrow();
        SaturatingFit.Saturating s = SaturatingFit.fit(n, m, start).orElseThrow();
        assertThat(s.a()).isCloseTo(5, within(1e-6));
        assertThat(s.b()).isCloseTo(0.7, within(1e-6));
        assertThat(s.c()).isCloseTo(0.01, within(1e-6));
    }
}
