package cascade.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.RidgeChoice;
import cascade.engine.spec.SpecParser;
import cascade.engine.teacher.Teacher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryEstimate} against values worked out by hand from its documented terms (each
 * expected number below is the formula of one term, written out), against the sizes of arrays the
 * engine really allocates, and the refusal with what would fit.
 */
class MemoryEstimateTests {

    static final long B = 8; // bytes per double

    static ExperimentSpec spec(Map<String, Object> teacher, Map<String, Object> estimator, int n, int testN) {
        return SpecParser.parse(Map.of(
                "name", "memory",
                "teacher", teacher,
                "estimators", List.of(estimator),
                "sweep", Map.of("n", List.of(1000, n), "seeds", 1),
                "test", Map.of("n", testN)));
    }

    /** The sequential-recovery shape: gaussian-equivalent, d = 40 (D = 820), p = 10, 10 directions. */
    static ExperimentSpec spectralD820(int n) {
        return spec(Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "d", 40, "p", 10),
                Map.of("kind", "hierarchical-spectral", "name", "spectral", "directions", 10), n, 10_000);
    }

    @Test
    void spectralOnGaussianEquivalentInputsPeaksInTheDenseOperatorPhase() {
        long n = 128_000;
        long m = 10_000;
        long dim = 820; // inputs are the features: d = D = 820
        MemoryEstimate e = MemoryEstimate.of(spectralD820((int) n), 0, (int) n);
        // Resident: samples and teacher.
        long train = B * (n * dim + 3 * n);
        long test = B * (m * dim + 3 * m);
        long teacher = B * 10 * dim;
        // No feature cache (identity map, float64, no split). Block k = 10 + 10 = 20, 30 iterations:
        // D = 820 <= 2 x 30 x 20, so the dense path: the D x D operator plus the larger of the
        // weighted-Gram scratch (n x D + D x D) and the eigendecomposition (5 D^2 + 6D doubles + 5D + 3 ints).
        long operator = B * dim * dim;
        long gramScratch = B * (n * dim + dim * dim);
        assertThat(gramScratch).isGreaterThan(B * (5 * dim * dim + 6 * dim) + 4 * (5 * dim + 3));
        assertThat(e.phase()).isEqualTo("eigen");
        assertThat(e.bytes()).isEqualTo(train + test + teacher + operator + gramScratch);
        // About 1.66 GiB, of which 0.78 GiB each for the Gram scratch and the training inputs.
        assertThat(e.bytes()).isBetween(1_700_000_000L, 1_800_000_000L);
        assertThat(e.largestTerms(2)).extracting(MemoryEstimate.Term::bytes).containsExactly(gramScratch, train);
    }

    @Test
    void spectralOnHermiteFeaturesCachesTheFeatureMatrix() {
        // Hermite inputs d = 30, q = 2: D = 465, below 600, so the dense path.
        long n = 64_000;
        long m = 2_000;
        long d = 30;
        long dim = 465;
        ExperimentSpec s = spec(Map.of("kind", "hierarchical", "input", "hermite", "d", 30, "p", 4),
                Map.of("kind", "hierarchical-spectral", "name", "spectral", "directions", 4), (int) n, (int) m);
        MemoryEstimate e = MemoryEstimate.of(s, 0, (int) n);
        long resident = B * (n * d + 3 * n) + B * (m * d + 3 * m) + B * 4 * dim;
        long cache = B * n * dim;                              // n x D features, 2.4e8 bytes
        long eigen = B * dim * dim + B * (n * dim + dim * dim); // operator + weighted-Gram scratch
        assertThat(e.phase()).isEqualTo("eigen");
        assertThat(e.bytes()).isEqualTo(resident + cache + eigen);
        assertThat(e.terms()).extracting(MemoryEstimate.Term::name).contains("feature cache n x D");
    }

    @Test
    void spectralOnHermite3FeaturesUsesBlockPowerIteration() {
        // Hermite-3 inputs d = 20: D = C(22, 3) = 1540 > 2 x 30 iterations x 20 block, so block power
        // iteration; n x D = 3.1e7 doubles, under the 2^28 cache limit, so the features are cached.
        long n = 20_000;
        long m = 1_000;
        long d = 20;
        long dim = 1540;
        long k = 20;
        ExperimentSpec s = spec(Map.of("kind", "hierarchical", "input", "hermite", "d", 20, "q", 3, "p", 4),
                Map.of("kind", "hierarchical-spectral", "name", "spectral", "directions", 10), (int) n, (int) m);
        MemoryEstimate e = MemoryEstimate.of(s, 0, (int) n);
        long resident = B * (n * d + 3 * n) + B * (m * d + 3 * m) + B * 4 * dim;
        long cache = B * n * dim;
        // Z V (n x k), five D x k blocks, and JavaCPP's native copy of the cached n x D Z per GEMM.
        long eigen = B * (n * k + 5 * dim * k) + B * n * dim;
        assertThat(e.phase()).isEqualTo("eigen");
        assertThat(e.bytes()).isEqualTo(resident + cache + eigen);
    }

    @Test
    void randomFeaturesWiderThanNPeakInTheDualGram() {
        // Width 4096 > n = 2000: the dual form with the n x P features in memory.
        long n = 2_000;
        long m = 500;
        long d = 20;
        long width = 4096;
        ExperimentSpec s = spec(Map.of("kind", "hierarchical", "input", "hermite", "d", 20, "p", 6),
                Map.of("kind", "random-features", "name", "rf", "width", 4096, "ridge", 1e-3), (int) n, (int) m);
        MemoryEstimate e = MemoryEstimate.of(s, 0, (int) n);
        long resident = B * (n * d + 3 * n) + B * (m * d + 3 * m) + B * 6 * 210;
        long weights = B * d * width;
        long features = B * (n * width + n * d);
        long gram = B * (2 * n * n + n * width);   // SYRK: heap and native n x n, native copy of F
        assertThat(gram).isGreaterThan(B * 3 * n * n); // larger than the Cholesky solve's 3 n^2
        assertThat(e.phase()).isEqualTo("dual Gram");
        assertThat(e.bytes()).isEqualTo(resident + weights + features + gram);
    }

    @Test
    void kernelRidgeIsBoundedByItsCapNotByN() {
        long m = 2_000;
        long d = 20;
        long u = 4_000;
        ExperimentSpec s = spec(Map.of("kind", "hierarchical", "input", "hermite", "d", 20, "p", 6),
                Map.of("kind", "kernel-ridge", "name", "krr", "kernel", Map.of("kind", "rbf"), "ridge", "loo",
                        "maxTrain", 4000), 32_000, (int) m);
        MemoryEstimate e = MemoryEstimate.of(s, 0, 32_000);
        long resident = B * (32_000 * d + 3 * 32_000) + B * (m * d + 3 * m) + B * 6 * 210;
        // Leave-one-out: one eigendecomposition of the u x u kernel held by its caller: the kernel, the
        // clone, JavaCPP's native copy, LAPACKE's transpose, dsyevd's 2 u^2 work = 6 u^2; the grid's
        // four u x 25 matrices; the u x d training copy.
        long solve = B * (6 * u * u + 4 * RidgeChoice.looGrid().length * u) + B * u * d;
        assertThat(e.phase()).isEqualTo("kernel solve");
        assertThat(e.bytes()).isEqualTo(resident + solve);
        // Twice the n only adds samples: the kernel is capped.
        long more = MemoryEstimate.of(spec(Map.of("kind", "hierarchical", "input", "hermite", "d", 20, "p", 6),
                Map.of("kind", "kernel-ridge", "name", "krr", "kernel", Map.of("kind", "rbf"), "ridge", "loo",
                        "maxTrain", 4000), 64_000, (int) m), 0, 64_000).bytes();
        assertThat(more - e.bytes()).isEqualTo(B * 32_000 * (d + 3));
    }

    @Test
    void residentSampleTermsAreTheSizesOfTheArraysTheTeacherDraws() {
        ExperimentSpec s = spec(Map.of("kind", "hierarchical", "input", "hermite", "d", 12, "p", 3),
                Map.of("kind", "ridge"), 3000, 700);
        Teacher teacher = Teacher.of(s.teacher(), 1);
        Teacher.Sample train = teacher.sample("train", 3000);
        Teacher.Sample test = teacher.sample("test", 700);
        MemoryEstimate e = MemoryEstimate.of(s, 0, 3000);
        // Inputs plus labels, the labels three times (raw, standardised, and the metrics' copy).
        assertThat(e.terms().get(0).bytes()).isEqualTo(B * (train.x().length + 3L * train.y().length));
        assertThat(e.terms().get(1).bytes()).isEqualTo(B * (test.x().length + 3L * test.y().length));
        assertThat(e.terms().get(2).bytes()).isEqualTo(B * teacher.directions().length);
    }

    @Test
    void theLargestRunIsTheLargestEstimatorAtTheLargestN() {
        ExperimentSpec s = SpecParser.parse(Map.of(
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "d", 20, "p", 6),
                "estimators", List.of(Map.of("kind", "ridge"),
                        Map.of("kind", "kernel-ridge", "name", "krr", "maxTrain", 40000)),
                "sweep", Map.of("n", List.of(500, 8000)),
                "test", Map.of("n", 1000)));
        MemoryEstimate largest = MemoryEstimate.largest(s);
        assertThat(largest.estimator()).isEqualTo("krr");
        assertThat(largest.n()).isEqualTo(8000);
        assertThat(largest.bytes()).isGreaterThan(B * 3 * 8000L * 8000);   // u = min(n, 40000) = n: the n x n kernel
    }

    @Test
    void aSpecOverBudgetIsRefusedWithTheLargestNThatFits() {
        ExperimentSpec s = spectralD820(128_000);
        long budget = 512L << 20;
        assertThatThrownBy(() -> MemoryEstimate.requireFits(s, budget))
                .isInstanceOfSatisfying(MemoryBudgetExceededException.class, ex -> {
                    assertThat(ex.budget()).isEqualTo(budget);
                    assertThat(ex.estimate().n()).isEqualTo(128_000);
                    int fit = ex.fits().get(0).largestN();
                    assertThat(MemoryEstimate.of(s, 0, fit).bytes()).isLessThanOrEqualTo(budget);
                    assertThat(MemoryEstimate.of(s, 0, fit + 1).bytes()).isGreaterThan(budget);
                    assertThat(ex.getMessage()).contains("n = 128000", "512.0 MiB", "spectral fits up to n = " + fit,
                            "training samples n x d");
                });
        MemoryEstimate.requireFits(s, 2L << 30); // fits in 2 GiB
    }
}
