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
 * The reference peak: OpenBLAS DGEMM through {@link Blas#gemm}, C = A B with A, B, C all
 * 2048 x 2048 (row-major, heap arrays, the route every engine GEMM takes).
 * Flops per call: 2 m n k = 2 * 2048^3 = 1.718e10.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DgemmBenchmark {

    @Param("2048")
    public int size;

    /** OpenBLAS threads: 1 is the service's layout on 2 cores (2 workers x 1 BLAS thread). */
    @Param("1")
    public int blasThreads;

    private double[] a;
    private double[] b;
    private double[] c;

    @Setup
    public void setUp() {
        Blas.setThreads(blasThreads);
        a = Streams.normals(Streams.provider(1, "bench.a"), size * size);
        b = Streams.normals(Streams.provider(1, "bench.b"), size * size);
        c = new double[size * size];
    }

    @Benchmark
    public double[] gemm() {
        Blas.gemm(false, false, size, size, size, 1.0, a, b, 0.0, c);
        return c;
    }

    /** 2 m n k. */
    public static double flops(int size) {
        return 2.0 * size * size * size;
    }
}
