package cascade.engine.kernel;

import static cascade.engine.MemoryEstimate.DOUBLE;

import cascade.engine.MemoryEstimate.Phase;
import cascade.engine.MemoryEstimate.Shape;
import cascade.engine.MemoryEstimate.Term;
import cascade.engine.spec.RidgeChoice;
import java.util.List;

/**
 * Memory of the ridge solves that random features and linear ridge share (notation of
 * {@code MemoryEstimate}), width P features, depth L. P &lt;= n (primal, {@link RidgeSolver}):
 * streaming the Gram in blocks of b = min(n, {@link RidgeSolver#BLOCK_ELEMENTS} / P) rows,
 * b x (2P + d) + intermediate layers + the P x P native accumulator; solving: fixed 4 P^2, loo
 * 6 P^2 + b x (P + 50). P &gt; n (dual): the n x P features, then either the Gram by SYRK (n^2
 * heap, n^2 and n x P native copies) or the n x n solve (fixed 3 n^2, loo 6 n^2 + 4 x 25 n).
 */
final class RidgeMemory {

    /** Length of the leave-one-out ridge grid. */
    static final int LOO_GRID = RidgeChoice.looGrid().length;

    private RidgeMemory() {
    }

    /** RidgeSolver.primal on P features, streamed; depth 0 for raw inputs. */
    static List<Phase> primal(Shape s, long width, int depth, boolean loo, Term weights) {
        long n = s.n();
        long b = Math.max(1, Math.min(n, RidgeSolver.BLOCK_ELEMENTS / width));
        long layers = depth >= 2 ? (depth >= 3 ? 2 : 1) : 0;
        long mapped = depth == 0 ? 0 : b * s.d() + layers * b * width;
        Phase stream = new Phase("streamed Gram", List.of(weights,
                new Term("row blocks b x (2P + d) + layers", DOUBLE * (2 * b * width + mapped)),
                new Term("Gram accumulator P x P (native) + P x P", DOUBLE * 2 * width * width)));
        Phase solve = new Phase("solve", List.of(weights, loo
                ? new Term("P x P leave-one-out eigendecomposition 6 P^2 + blocks b x (P + 50)",
                        DOUBLE * (6 * width * width + b * (width + 2L * LOO_GRID) + 2 * b * width + mapped))
                : new Term("P x P Cholesky 4 P^2", DOUBLE * 4 * width * width)));
        return List.of(stream, solve);
    }

    /** The dual: Gram by SYRK, then the n x n solve, beside the {@code held} buffers. */
    static List<Phase> dual(Shape s, long cols, boolean loo, List<Term> held) {
        long n = s.n();
        Term gram = new Term("Gram n x n by SYRK (heap + native) + native copy of the n x P features",
                DOUBLE * (2 * n * n + n * cols));
        Term solve = loo ? new Term("Gram n x n, leave-one-out eigendecomposition 6 n^2 + grid 4 x 25 n",
                DOUBLE * (6 * n * n + 4L * LOO_GRID * n))
                : new Term("Gram n x n, Cholesky 3 n^2", DOUBLE * 3 * n * n);
        return List.of(new Phase("dual Gram", plus(held, gram)), new Phase("dual solve", plus(held, solve)));
    }

    private static List<Term> plus(List<Term> held, Term last) {
        return java.util.stream.Stream.concat(held.stream(), java.util.stream.Stream.of(last)).toList();
    }
}
