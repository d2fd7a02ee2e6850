package cascade.engine.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Symmetric rank-k products for kernel and Gram matrices, beside {@link Blas}. Row-major
 * {@code double[]} with natural leading dimensions, as in {@link Blas}.
 */
public final class KernelBlas {

    static {
        // Loads OpenBLAS once, with the settings Blas applies (one OpenBLAS per JVM, STACK.md).
        Blas.threads();
    }

    private KernelBlas() {
    }

    /**
     * Upper triangle (row-major, entries j >= i) of C = alpha A A^T + beta C for A (n x k); the strict
     * lower triangle of C is left untouched. Half the flops of a GEMM; LAPACK's 'U' routines
     * ({@link Blas#solveSpd}, {@link Blas#eigh}) read only this triangle.
     */
    public static void syrkRowsUpper(int n, int k, double alpha, double[] a, double beta, double[] c) {
        if (n == 0) {
            return;
        }
        CriticalBlas.dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasNoTrans, n, k, alpha, a, 0,
                Math.max(1, k), beta, c, n);
    }

    /** Copies the upper triangle of c (n x n, row-major) onto its lower triangle, in cache-sized tiles. */
    public static void mirrorUpper(double[] c, int n) {
        final int tile = 64;
        for (int ib = 0; ib < n; ib += tile) {
            int iEnd = Math.min(ib + tile, n);
            for (int jb = 0; jb <= ib; jb += tile) {
                for (int i = ib; i < iEnd; i++) {
                    int jEnd = Math.min(jb + tile, i);
                    int row = i * n;
                    for (int j = jb; j < jEnd; j++) {
                        c[row + j] = c[j * n + i];
                    }
                }
            }
        }
    }
}
