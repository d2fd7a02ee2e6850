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
 * Full symmetric eigendecomposition (LAPACKE dsyevd, vectors) through {@link Blas#eigh} for
 * D = 820, the exact path of the spectral estimator's top-k step at d = 40. The matrix is a
 * symmetrised Gaussian (GOE-like: no deflation shortcuts in divide and conquer).
 * Nominal flops per call: 4/3 D^3 (Householder reduction to tridiagonal) + 2 D^3 (applying the
 * reflectors to the eigenvectors) = 10/3 D^3. The divide-and-conquer tridiagonal solve between
 * them is not counted, so the rate is a lower bound of the work actually done.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EighBenchmark {

    @Param("820")
    public int dim;

    @Param("1")
    public int blasThreads;

    private double[] a;

    @Setup
    public void setUp() {
        Blas.setThreads(blasThreads);
        double[] g = Streams.normals(Streams.provider(3, "bench.goe"), dim * dim);
        a = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                a[i * dim + j] = (g[i * dim + j] + g[j * dim + i]) / Math.sqrt(2 * dim);
            }
        }
    }

    @Benchmark
    public SymmetricEigen eigh() {
        return Blas.eigh(a, dim);
    }

    /** 10/3 D^3 (tridiagonal reduction + back-transformation; see the class comment). */
    public static double flops(int dim) {
        return 10.0 / 3.0 * dim * dim * dim;
    }
}
