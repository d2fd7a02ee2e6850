package cascade.engine.random;

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
 * Sample generation: {@link Streams#normals(long, long, long, int, int, double[])}, a block of
 * 4096 rows x 820 columns of standard normals from the counter-based streams (one generator and
 * one Ziggurat sampler per row), the inputs of a gaussian-equivalent teacher at d = 40. No
 * floating-point flop count applies: the table reports millions of normals per second (one
 * thread), to compare with STACK.md's 290 M/s for the bare Ziggurat sampler and numpy's 79 M/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NormalsBenchmark {

    @Param("4096")
    public int rows;

    @Param("820")
    public int cols;

    private double[] out;
    private long first;

    @Setup
    public void setUp() {
        out = new double[rows * cols];
    }

    @Benchmark
    public double[] normals() {
        // A new block of rows each call: row seeding is part of the cost, as in a real draw.
        Streams.normals(5, Streams.stream("train"), first, rows, cols, out);
        first += rows;
        return out;
    }

    public static double count(int rows, int cols) {
        return (double) rows * cols;
    }
}
