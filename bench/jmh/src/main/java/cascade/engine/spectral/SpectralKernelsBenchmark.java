package cascade.engine.spectral;

import cascade.engine.Inputs;
import cascade.engine.RunControl;
import cascade.engine.features.FeatureMap;
import cascade.engine.linalg.Blas;
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
 * The first-layer operator M = (1/n) Z^T diag(y) Z - mean(y) I of SCIENCE.md 4, step 1, on n
 * gaussian-equivalent samples of dimension D = 820 (features = inputs, held in memory, as in the
 * sequential-recovery and scaling-law examples), y Gaussian:
 * <ul>
 * <li>{@code apply}: the matrix-free application M V to a block V of k = 20 columns (wanted 10 +
 *     oversample 10), two GEMMs over the whole sample. Flops: 2 n D k (Z V) + 2 n D k (Z^T T)
 *     = 4 n D k; the n k label scaling and D k shift are not counted.</li>
 * <li>{@code topEigenIterate}: {@link TopEigen#iterate}, block power iteration with Rayleigh-Ritz,
 *     a fixed 5 iterations (enough for a rate) (tolerance 0). Flops per iteration: 4 n D k (apply) + 2 D k^2 (V^T W)
 *     + 4 D k^2 (V S and W S) + about 4 D k^2 (QR: dgeqrf + dorgqr), i.e. 4 n D k + 10 D k^2; the
 *     k x k eigenproblems are not counted.</li>
 * <li>{@code topEigenExact}: {@link TopEigen#exact}, the path taken for D &lt;= 600 or small
 *     2 x iterations x block: the dense operator by the weighted Gram (n D^2) then a full
 *     eigendecomposition (nominal 10/3 D^3, see EighBenchmark).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SpectralKernelsBenchmark {

    @Param("10000")
    public int n;

    @Param("820")
    public int dim;

    @Param("20")
    public int block;

    @Param("5")
    public int iterations;

    @Param("1")
    public int blasThreads;

    private SpectralOperator op;
    private double[] v;
    private double[] out;

    @Setup
    public void setUp() {
        Blas.setThreads(blasThreads);
        double[] x = Streams.normals(Streams.provider(4, "bench.x"), n * dim);
        double[] y = Streams.normals(Streams.provider(4, "bench.y"), n);
        op = new SpectralOperator(Inputs.of(x, n, dim), FeatureMap.identity(dim), y, 0, n, false, RunControl.NONE);
        v = Streams.normals(Streams.provider(4, "bench.v"), dim * block);
        Blas.orthonormalizeColumns(v, dim, block);
        out = new double[dim * block];
    }

    @Benchmark
    public double[] apply() {
        op.apply(v, block, out);
        return out;
    }

    @Benchmark
    public Eigenpairs topEigenIterate() {
        return TopEigen.iterate(op, block / 2, block, iterations, 0.0, 7, RunControl.NONE);
    }

    @Benchmark
    public Eigenpairs topEigenExact() {
        return TopEigen.exact(op, block, RunControl.NONE);
    }

    /** 4 n D k. */
    public static double applyFlops(int n, int dim, int k) {
        return 4.0 * n * dim * k;
    }

    /** iterations x (4 n D k + 10 D k^2). */
    public static double iterateFlops(int n, int dim, int k, int iterations) {
        return iterations * (4.0 * n * dim * k + 10.0 * dim * k * k);
    }

    /** n D^2 + 10/3 D^3. */
    public static double exactFlops(int n, int dim) {
        return (double) n * dim * dim + 10.0 / 3.0 * dim * dim * dim;
    }
}
