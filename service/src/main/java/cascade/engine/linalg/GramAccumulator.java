package cascade.engine.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Accumulates the Gram matrix F^T F (p x p) of a tall matrix F streamed in row blocks
 * (count x p, row-major), with one DSYRK per block. The accumulator lives off-heap so the p x p
 * result is not copied across JNI on every block (JavaCPP's {@code double[]} overloads copy
 * their arrays in and out, STACK.md); only the block itself is copied. Not thread-safe.
 */
public final class GramAccumulator implements AutoCloseable {

    static {
        Blas.threads();
    }

    private final int p;
    private final DoublePointer c;
    private DoublePointer block;
    private long blockCapacity;

    /** An accumulator of p x p, initially zero. */
    public GramAccumulator(int p) {
        this.p = p;
        this.c = new DoublePointer(Math.max(1L, (long) p * p));
        this.c.zero();
        this.block = new DoublePointer(1L);
        this.blockCapacity = 1;
    }

    /** C += F^T F for F = rows[0, count * p) (count x p, row-major). */
    public void add(double[] rows, int count) {
        if (count == 0 || p == 0) {
            return;
        }
        long need = (long) count * p;
        if (need > blockCapacity) {
            block.close();
            block = new DoublePointer(need);
            blockCapacity = need;
        }
        block.position(0).put(rows, 0, Math.toIntExact(need));
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, p, count, 1.0, block,
                p, 1.0, c, p);
    }

    /** The accumulated F^T F (p x p, row-major, both triangles filled). */
    public double[] toArray() {
        double[] out = new double[p * p];
        c.position(0).get(out, 0, p * p);
        KernelBlas.mirrorUpper(out, p);
        return out;
    }

    @Override
    public void close() {
        block.close();
        c.close();
    }
}
