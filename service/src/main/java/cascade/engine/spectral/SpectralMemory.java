package cascade.engine.spectral;

import static cascade.engine.MemoryEstimate.DOUBLE;
import static cascade.engine.MemoryEstimate.FLOAT;

import cascade.engine.MemoryEstimate.Phase;
import cascade.engine.MemoryEstimate.Shape;
import cascade.engine.MemoryEstimate.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory terms the spectral estimators share (notation of {@code MemoryEstimate}; n1 the rows
 * of the first-layer operator, k = min(D, directions + oversample) the eigen block):
 * <ul>
 * <li>feature cache F: n1 x D doubles (float32: 4 bytes), none when the inputs already are the
 *     features (identity map, float64, no split), none when n1 x D exceeds
 *     {@link SpectralOperator#CACHE_DOUBLES} (then features are recomputed in batches of
 *     {@link SpectralOperator#BATCH} rows: BATCH x (d + D));</li>
 * <li>"features": F + the construction's n1 x d input copy (+ n1 x D doubles before the float32
 *     conversion);</li>
 * <li>"eigen": F + either the dense path (D &lt;= max(600, 2 x iterations x k) and D &lt;= 4000):
 *     the D x D operator + max(weighted-Gram scratch: the sqrt|w|-scaled rows, n1 x D, and the
 *     native D x D result; eigendecomposition: 5 D^2 + 6D + (5D + 3)/2), or block power
 *     iteration: n1 x k (Z V for the whole cached sample) + 5 D x k + the native copy of the
 *     n1 x D feature matrix that JavaCPP's {@code double[]} GEMM makes on every call (BATCH x D
 *     without a cache).</li>
 * </ul>
 */
final class SpectralMemory {

    static final int BATCH = SpectralOperator.BATCH;

    private final Shape s;

    SpectralMemory(Shape shape) {
        this.s = shape;
    }

    /** The operator's feature cache for n1 rows. */
    Term cache(long n1, boolean single, boolean noCopy) {
        if (noCopy) {
            return new Term("feature cache: none (the inputs are the features)", 0);
        }
        if (n1 * s.dim() > SpectralOperator.CACHE_DOUBLES) {
            return new Term("feature batch " + BATCH + " x (d + D) (n x D over the cache limit)",
                    DOUBLE * BATCH * (s.d() + s.dim()));
        }
        return new Term("feature cache n x D" + (single ? " (float32)" : ""),
                (single ? FLOAT : DOUBLE) * n1 * s.dim());
    }

    Phase features(Term cache, long n1, boolean single, boolean noCopy) {
        if (noCopy || n1 * s.dim() > SpectralOperator.CACHE_DOUBLES) {
            return new Phase("features", List.of(cache));
        }
        List<Term> t = new ArrayList<>();
        t.add(cache);
        t.add(new Term("feature construction: input copy n x d", DOUBLE * n1 * s.d()));
        if (single) {
            t.add(new Term("feature construction: float64 features n x D", DOUBLE * n1 * s.dim()));
        }
        return new Phase("features", t);
    }

    /** TopEigen.compute's choice between the dense eigendecomposition and block power iteration. */
    List<Term> eigen(long rows, int block, int iterations) {
        long dim = s.dim();
        if (dim <= Math.max(600, 2L * iterations * block) && dim <= 4000) {
            long gram = DOUBLE * (rows * dim + dim * dim);
            long eig = DOUBLE * (5 * dim * dim + 6 * dim) + 4 * (5 * dim + 3);
            List<Term> t = new ArrayList<>();
            t.add(new Term("operator D x D", DOUBLE * dim * dim));
            t.add(gram >= eig ? new Term("weighted-Gram scratch n x D + D x D (native)", gram)
                    : new Term("eigendecomposition of D x D (clone, native copy, transpose, dsyevd work)", eig));
            return t;
        }
        // Each GEMM against the whole cached (or borrowed) n x D matrix gets a native copy of it
        // from JavaCPP's double[] overload; without a cache the batches are BATCH x D.
        long copied = rows * dim > SpectralOperator.CACHE_DOUBLES ? (long) BATCH * dim : rows * dim;
        return List.of(new Term("block power: n x k + 5 D x k", DOUBLE * (rows * block + 5 * dim * block)),
                new Term("native copy of Z per GEMM (JavaCPP) n x D", DOUBLE * copied));
    }

    /** The recovered features of training and test rows with the projection batch. */
    Term recovered(long trainRows, long kept) {
        return new Term("recovered features (n + m) x kept + projection batch",
                DOUBLE * ((trainRows + s.m()) * kept + BATCH * (s.d() + s.dim() + kept)));
    }

    static List<Term> with(Term first, List<Term> rest) {
        List<Term> t = new ArrayList<>();
        t.add(first);
        t.addAll(rest);
        return t;
    }
}
