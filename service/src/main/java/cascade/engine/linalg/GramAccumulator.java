package cascade.engine.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Accumulates the Gram matrix F^T F (p x p) of a tall matrix F streamed in row blocks
 * (count x p, row-major), with one DSYRK per block, in place on the caller's arrays (critical
 * downcalls: nothing is copied across the native boundary). Not thread-safe.
 */
public final class GramAccumulator implements AutoCloseable {

    private final int p;
    private final double[] c;

    /** An accumulator of p x p, initially zero. */
    public GramAccumulator(int p) {
        this.p = p;
        this.c = new double[p * p];
    }

    /** C += F^T F for F = rows[0, count * p) (count x p, row-major). */
    public void add(double[] rows, int count) {
        if (count == 0 || p == 0) {
            return;
        }
        CriticalBlas.dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, p, count, 1.0, rows, 0,
                p, 1.0, c, p);
    }

    /** The accumulated F^T F (p x p, row-major, both triangles filled). */
    public double[] toArray() {
        double[] out = c.clone();
        KernelBlas.mirrorUpper(out, p);
        return out;
    }

    @Override
    public void close() {
        // Nothing native to release; kept AutoCloseable for callers' try-with-resources.
    }
}
