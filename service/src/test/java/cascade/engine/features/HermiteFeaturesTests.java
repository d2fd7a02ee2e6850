package cascade.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.random.Streams;
import org.junit.jupiter.api.Test;

class HermiteFeaturesTests {

    /**
     * E[z z^T] = I_D for x ~ N(0, I_d) (SCIENCE.md 2; E[He_k He_l] = k! delta_kl). Estimated from
     * n = 200k samples: each entry has standard error at most sqrt(E z^4 / n) <= sqrt(9/n) ~ 0.007,
     * so the tolerance is 0.04 (about 6 standard errors, over 21 x 21 entries).
     */
    @Test
    void degreeTwoFeaturesAreOrthonormal() {
        int d = 6;
        int n = 200_000;
        Hermite2 map = new Hermite2(d);
        int dim = map.outputDimension();
        double[] x = new double[n * d];
        Streams.normals(7, 1, 0, n, d, x);
        double[] z = new double[n * dim];
        map.apply(x, n, z);
        double[] g = new double[dim * dim];
        cascade.engine.linalg.Blas.gram(n, dim, 1.0 / n, z, 0.0, g);
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                assertThat(g[i * dim + j]).as("E[z_%d z_%d]", i, j).isCloseTo(i == j ? 1.0 : 0.0, within(0.04));
            }
        }
    }

    /** Same for degree 3 (unit-variance normalisation by sqrt(prod of multiplicities!)). */
    @Test
    void degreeThreeFeaturesHaveUnitVarianceAndAreUncorrelated() {
        int d = 4;
        int n = 200_000;
        Hermite3 map = new Hermite3(d);
        int dim = map.outputDimension();
        assertThat(dim).isEqualTo(20); // C(d+2, 3)
        double[] x = new double[n * d];
        Streams.normals(8, 1, 0, n, d, x);
        double[] z = new double[n * dim];
        map.apply(x, n, z);
        double[] g = new double[dim * dim];
        cascade.engine.linalg.Blas.gram(n, dim, 1.0 / n, z, 0.0, g);
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                // He3 has E[He3^4]/6^2 = 15.6 so its variance estimate is noisier: 0.08 tolerance.
                assertThat(g[i * dim + j]).isCloseTo(i == j ? 1.0 : 0.0, within(0.08));
            }
        }
    }

    /**
     * The closed forms of SCIENCE.md 2: <flat(A), z(x)> = (x^T A x - tr A)/sqrt(2) and
     * ||flat(A)|| = ||A||_F for symmetric A; unflat inverts flat. Exact up to rounding (1e-12).
     */
    @Test
    void flatIsAnIsometryAndMatchesTheQuadraticForm() {
        int d = 5;
        double[] g = Streams.normals(Streams.provider(3, "test"), d * d);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = (g[i * d + j] + g[j * d + i]) / 2;
            }
        }
        double[] f = Hermite2.flat(a, d);
        double frob = 0;
        for (double v : a) {
            frob += v * v;
        }
        double norm = 0;
        for (double v : f) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(frob, within(1e-12));
        assertThat(Hermite2.unflat(f, d)).containsExactly(a, within(1e-12));
        double[] x = Streams.normals(Streams.provider(4, "x"), d);
        double[] z = new double[d * (d + 1) / 2];
        new Hermite2(d).apply(x, 1, z);
        double dot = 0;
        for (int i = 0; i < z.length; i++) {
            dot += f[i] * z[i];
        }
        double quad = 0;
        double tr = 0;
        for (int i = 0; i < d; i++) {
            tr += a[i * d + i];
            for (int j = 0; j < d; j++) {
                quad += x[i] * a[i * d + j] * x[j];
            }
        }
        assertThat(dot).isCloseTo((quad - tr) / Math.sqrt(2), within(1e-12));
    }
}
