package cascade.engine.linalg;

import cascade.engine.random.Streams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The signed weighted Gram X^T diag(w) X of {@link Blas#weightedGram} (the dense first-layer
 * operator of SCIENCE.md 4, step 1), X n x D Gaussian with D = 820 (d = 40), w Gaussian (about
 * half the weights negative, as standardised labels are).
 * Flops per call: SYRK fills one triangle, n m (m + 1) ~ n m^2 with m = D (both sign classes
 * together cover n rows); the sqrt(|w|) row scaling (n m multiplications) is not counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WeightedGramBenchmark {

    @Param("10000")
    public int n;

    @Param("820")
    public int dim;

    @Param("1")
    public int blasThreads;

    private double[] x;
    private double[] w;
    private double[] c;

    @Setup
    public void setUp() {
        Blas.setThreads(blasThreads);
        x = Streams.normals(Streams.provider(2, "bench.x"), n * dim);
        w = Streams.normals(Streams.provider(2, "bench.w"), n);
        c = new double[dim * dim];
    }

    @Benchmark
    public double[] weightedGram() {
        Blas.weightedGram(n, dim, x, w, 1.0 / n, 0.0, c);
        return c;
    }

    /** n m^2 (one triangle of a SYRK: n m (m + 1), rounded to n m^2). */
    public static double flops(int n, int dim) {
        return (double) n * dim * dim;
    }
}
