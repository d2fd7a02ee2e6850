package cascade.engine.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.spec.HierarchicalTeacher;
import cascade.engine.spec.InputMode;
import cascade.engine.spec.Link;
import cascade.engine.spec.SecondLayer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TeacherTests {

    static HierarchicalTeacher hermite(int d, int p) {
        return new HierarchicalTeacher(InputMode.HERMITE, d, d * (d + 1) / 2, p, null, 2, new SecondLayer.PowerLaw(1.0),
                Link.IDENTITY, 0.0);
    }

    /**
     * Latent features h_i = <a_i, z(x)> with Frobenius-orthonormal a_i: E h = 0, E[h h^T] = I_p
     * (SCIENCE.md 3). From n = 100k samples each moment has standard error <= sqrt(3/n) ~ 0.0055
     * (E h^4 = 3 + O(1/d)); tolerance 0.03.
     */
    @Test
    void latentFeaturesAreCentredAndWhite() {
        PlantedTeacher t = PlantedTeacher.hierarchical(hermite(12, 4), 11);
        int n = 100_000;
        Teacher.Sample s = t.sample("train", n);
        double[] h = t.latent(s.x(), n);
        for (int i = 0; i < 4; i++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += h[r * 4 + i] / n;
            }
            assertThat(mean).isCloseTo(0.0, within(0.03));
            for (int j = 0; j < 4; j++) {
                double c = 0;
                for (int r = 0; r < n; r++) {
                    c += h[r * 4 + i] * h[r * 4 + j] / n;
                }
                assertThat(c).isCloseTo(i == j ? 1.0 : 0.0, within(0.03));
            }
        }
    }

    @Test
    void plantedDirectionsAreOrthonormal() {
        PlantedTeacher t = PlantedTeacher.hierarchical(hermite(10, 5), 3);
        double[] a = t.directions();
        int dim = 55;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double dot = 0;
                for (int k = 0; k < dim; k++) {
                    dot += a[i * dim + k] * a[j * dim + k];
                }
                assertThat(dot).isCloseTo(i == j ? 1.0 : 0.0, within(1e-12));
            }
        }
    }

    /** Nested sweeps: the first n samples of a larger draw are the smaller draw, bit for bit. */
    @Test
    void smallerSamplesArePrefixesOfLargerOnesAndTrainAndTestShareTheTeacher() {
        Teacher big = Teacher.of(hermite(8, 3), 5);
        Teacher small = Teacher.of(hermite(8, 3), 5);
        Teacher.Sample s1 = small.sample("train", 300);
        Teacher.Sample s2 = big.sample("train", 5000);
        assertThat(Arrays.copyOf(s2.x(), 300 * 8)).isEqualTo(s1.x());
        assertThat(Arrays.copyOf(s2.y(), 300)).isEqualTo(s1.y());
        assertThat(big.directions()).isEqualTo(small.directions());
        Teacher.Sample test = big.sample("test", 300);
        assertThat(test.x()).isNotEqualTo(s1.x());
    }

    /** Identity link, power-law diagonal: y = sum_j b_j He2(h_j) has mean 0 (tolerance 5 standard errors). */
    @Test
    void labelsOfTheIdentityLinkAreCentred() {
        PlantedTeacher t = PlantedTeacher.hierarchical(new HierarchicalTeacher(InputMode.GAUSSIAN_EQUIVALENT, null, 50, 5,
                null, 2, new SecondLayer.PowerLaw(1.0), Link.IDENTITY, 0.0), 9);
        Teacher.Sample s = t.sample("train", 50_000);
        double mean = Arrays.stream(s.y()).average().orElseThrow();
        double var = Arrays.stream(s.y()).map(v -> (v - mean) * (v - mean)).sum() / s.n();
        // Var y = sum_j 2 b_j^2 = 2 H_5(2) for He2 of unit Gaussians.
        double h = 1 + 1 / 4.0 + 1 / 9.0 + 1 / 16.0 + 1 / 25.0;
        assertThat(var).isCloseTo(2 * h, within(0.1));
        assertThat(mean).isCloseTo(0.0, within(5 * Math.sqrt(var / s.n())));
    }
}
