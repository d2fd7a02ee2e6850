package cascade.engine.linalg;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The engine's only door to OpenBLAS/LAPACK (bytedeco build, shipped in the jar). Every matrix is
 * a row-major {@code double[]} (or {@code float[]}) with its dimensions passed explicitly; leading
 * dimensions are the natural ones. Methods are static: OpenBLAS is one library per process, and
 * its thread count is process-wide ({@link #setThreads}).
 */
public final class Blas {

    private static final int ROW = openblas.CblasRowMajor;
    private static final int NO = openblas.CblasNoTrans;
    private static final int T = openblas.CblasTrans;
    /**
     * Multiply-adds per critical downcall of {@link #gemm} (about 0.1 s on one core here): a critical
     * call holds off safepoints, so larger products go in pieces and other threads' GCs never wait
     * long. Pieces of 2^27 (32 rows of a 2048^3 product) cost 30% of the DGEMM rate in the JMH run
     * (B repacked per piece); 2^30 keeps pieces at 256 rows there.
     */
    private static final long GEMM_PIECE = 1L << 30;

    static {
        Loader.load(openblas.class);
    }

    private Blas() {
    }

    /** Sets OpenBLAS's process-wide thread count (workers x BLAS threads should equal cores). */
    public static void setThreads(int threads) {
        openblas.blas_set_num_threads(Math.max(1, threads));
        CriticalBlas.setThreads(Math.max(1, threads));
    }

    public static int threads() {
        return CriticalBlas.threads();
    }

    /**
     * C = alpha op(A) op(B) + beta C, all row-major. op(A) is m x k (A is k x m when transA),
     * op(B) is k x n (B is n x k when transB), C is m x n.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
            double[] b, double beta, double[] c) {
        if (m == 0 || n == 0) {
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        long work = (long) m * n * k;
        if (work <= GEMM_PIECE || (m == 1 && k == 1)) {
            CriticalBlas.dgemm(ROW, transA ? T : NO, transB ? T : NO, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, n);
        } else if (m >= k) {
            // Rows of C in pieces: row r of op(A) starts at r k (A m x k) or at column r (A k x m).
            int step = (int) Math.max(1, GEMM_PIECE / ((long) n * k));
            for (int r = 0; r < m; r += step) {
                int rows = Math.min(step, m - r);
                CriticalBlas.dgemm(ROW, transA ? T : NO, transB ? T : NO, rows, n, k, alpha, a,
                        transA ? r : (long) r * k, lda, b, 0, ldb, beta, c, (long) r * n, n);
            }
        } else {
            // The inner dimension in pieces, accumulating into C after the first.
            int step = (int) Math.max(1, GEMM_PIECE / ((long) m * n));
            for (int l = 0; l < k; l += step) {
                int inner = Math.min(step, k - l);
                CriticalBlas.dgemm(ROW, transA ? T : NO, transB ? T : NO, m, n, inner, alpha, a,
                        transA ? (long) l * m : l, lda, b, transB ? l : (long) l * n, ldb, l == 0 ? beta : 1.0, c, 0, n);
            }
        }
    }

    /** Single-precision {@link #gemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
            float[] b, float beta, float[] c) {
        if (m == 0 || n == 0) {
            return;
        }
        CriticalBlas.sgemm(ROW, transA ? T : NO, transB ? T : NO, m, n, k, alpha, a, transA ? m : k, b,
                transB ? k : n, beta, c, n);
    }

    /** A (m x n) times x (n) into y (m): y = alpha A x + beta y. */
    public static void gemv(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
        CriticalBlas.dgemv(ROW, NO, m, n, alpha, a, n, x, 1, beta, y, 1);
    }

    /** C (n x n) = alpha A^T A + beta C for A (k x n); both triangles of C are filled. */
    public static void gram(int k, int n, double alpha, double[] a, double beta, double[] c) {
        gram(a, 0, k, n, alpha, beta, c);
    }

    /**
     * Rows per SYRK chunk: about 8 MB of rows, at least 64. Each chunk is one critical downcall,
     * which holds off safepoints (and so every other thread's GC) until it returns; at D = 820 a
     * chunk is about 1 GFLOP, tens of milliseconds.
     */
    private static final int CHUNK_DOUBLES = 1 << 20;

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

    private static int chunkRows(int m) {
        return Math.max(64, CHUNK_DOUBLES / Math.max(1, m));
    }

    /**
     * Weighted Gram X^T diag(w) X (m x m) for X (n x m) and signed weights w, accumulated into c:
     * c = alpha X^T diag(w) X + beta c. See {@link #weightedGram(double[], int, int, int, double[], double, double, double[])}.
     */
    public static void weightedGram(int n, int m, double[] x, double[] w, double alpha, double beta, double[] c) {
        weightedGram(x, 0, n, m, w, alpha, beta, c);
    }

    /**
     * Weighted Gram over rows [from, from + rows) of X (row-major, m columns) with weights
     * w[from..from + rows), accumulated into c (m x m): c = alpha sum_i w_i x_i x_i^T + beta c.
     * Split by sign, it is A^T A - B^T B with the rows of A (w > 0) scaled by sqrt(w) and those of B
     * (w < 0) by sqrt(-w): SYRKs over the rows in all, half the flops of a GEMM. The scaled rows go
     * through a per-thread scratch chunk (never a copy of X), each chunk one SYRK. c must be
     * symmetric (only its upper triangle is updated, then mirrored).
     */
    public static void weightedGram(double[] x, int from, int rows, int m, double[] w, double alpha, double beta,
            double[] c) {
        int chunk = chunkRows(m);
        double[] scratch = SCRATCH.get();
        if (scratch.length < (long) chunk * m) {
            scratch = new double[Math.multiplyExact(chunk, m)];
            SCRATCH.set(scratch);
        }
        double b = beta;
        for (int sign = 1; sign >= -1; sign -= 2) {
            int filled = 0;
            for (int i = from; i < from + rows; i++) {
                double wi = w[i] * sign;
                if (wi <= 0) {
                    continue;
                }
                double s = Math.sqrt(wi);
                int src = i * m;
                int to = filled * m;
                for (int j = 0; j < m; j++) {
                    scratch[to + j] = s * x[src + j];
                }
                if (++filled == chunk) {
                    CriticalBlas.dsyrk(ROW, openblas.CblasUpper, T, m, filled, sign * alpha, scratch, 0, m, b, c, m);
                    b = 1.0;
                    filled = 0;
                }
            }
            if (filled > 0) {
                CriticalBlas.dsyrk(ROW, openblas.CblasUpper, T, m, filled, sign * alpha, scratch, 0, m, b, c, m);
                b = 1.0;
            }
        }
        if (b != 1.0) {
            // No nonzero weight at all: c = beta c.
            for (int i = 0; i < c.length; i++) {
                c[i] *= beta;
            }
        }
        mirrorUpper(c, m);
    }

    /**
     * c = alpha X^T X + beta c over rows [from, from + rows) of X (row-major, m columns), c m x m
     * with both triangles filled; one SYRK per chunk of rows, in place (no copy of X).
     */
    public static void gram(double[] x, int from, int rows, int m, double alpha, double beta, double[] c) {
        int chunk = chunkRows(m);
        double b = beta;
        for (int r = 0; r < rows; r += chunk) {
            int count = Math.min(chunk, rows - r);
            CriticalBlas.dsyrk(ROW, openblas.CblasUpper, T, m, count, alpha, x, (long) (from + r) * m, m, b, c, m);
            b = 1.0;
        }
        if (rows == 0) {
            for (int i = 0; i < c.length; i++) {
                c[i] *= beta;
            }
        }
        mirrorUpper(c, m);
    }

    /** Full symmetric eigendecomposition of a (n x n, not modified). */
    public static SymmetricEigen eigh(double[] a, int n) {
        double[] work = a.clone();
        double[] w = new double[n];
        check(openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'U', n, work, n, w), "dsyevd");
        return new SymmetricEigen(n, w, work);
    }

    /**
     * The k eigenpairs of largest |lambda| of a symmetric a (n x n, upper triangle read, not
     * modified): {@code [values by decreasing |lambda| (ties: larger value first), eigenvectors as
     * rows (k x n) with the sign convention of SCIENCE.md 4]}. They are among the k lowest and the k
     * highest eigenvalues, so: one Householder tridiagonalisation (dsytrd), MRRR (dstemr) for those
     * 2k only, and back-transformation (dormtr) of 2k vectors instead of n. Measured at n = 820,
     * k = 20: about 2.5x faster than the full dsyevd it replaces. Falls back to {@link #eigh} when
     * 2k >= n.
     */
    public static double[][] topByMagnitude(double[] a, int n, int k) {
        if (2 * k >= n) {
            SymmetricEigen eig = eigh(a, n);
            int[] top = eig.topByMagnitude(k);
            return new double[][] {eig.valuesAt(top), eig.rows(top)};
        }
        double[] work = a.clone();
        double[] d = new double[n];
        double[] e = new double[Math.max(1, n - 1)];
        double[] tau = new double[Math.max(1, n - 1)];
        check(openblas.LAPACKE_dsytrd(openblas.LAPACK_ROW_MAJOR, (byte) 'U', n, work, n, d, e, tau), "dsytrd");
        int cols = 2 * k;
        double[] z = new double[n * cols];
        double[] w = new double[cols];
        for (int half = 0; half < 2; half++) {
            int il = half == 0 ? 1 : n - k + 1;
            double[] dd = d.clone();
            double[] ee = java.util.Arrays.copyOf(e, n); // dstemr wants e of length n (workspace)
            double[] wh = new double[n];
            double[] zh = new double[n * k];
            int[] found = new int[1];
            int[] isuppz = new int[2 * k];
            int[] tryrac = {1};
            // Column-major: eigenvector j is zh[j n .. j n + n) (row-major dstemr wants ldz >= n).
            check(openblas.LAPACKE_dstemr(openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'I', n, dd, ee, 0, 0, il,
                    il + k - 1, found, wh, zh, n, k, isuppz, tryrac), "dstemr");
            if (found[0] != k) {
                throw new ArithmeticException("dstemr found " + found[0] + " of " + k + " eigenvalues");
            }
            for (int j = 0; j < k; j++) {
                w[half * k + j] = wh[j];
                for (int i = 0; i < n; i++) {
                    z[i * cols + half * k + j] = zh[j * n + i];
                }
            }
        }
        check(openblas.LAPACKE_dormtr(openblas.LAPACK_ROW_MAJOR, (byte) 'L', (byte) 'U', (byte) 'N', n, cols, work,
                n, tau, z, cols), "dormtr");
        Integer[] order = new Integer[cols];
        for (int j = 0; j < cols; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, java.util.Comparator.<Integer>comparingDouble(j -> -Math.abs(w[j]))
                .thenComparingDouble(j -> -w[j]));
        double[] values = new double[k];
        double[] rows = new double[k * n];
        for (int r = 0; r < k; r++) {
            int j = order[r];
            values[r] = w[j];
            for (int i = 0; i < n; i++) {
                rows[r * n + i] = z[i * cols + j];
            }
            Signs.fix(rows, r * n, n);
        }
        return new double[][] {values, rows};
    }

    /**
     * Eigenvalues only of a symmetric a (n x n, not modified), ascending.
     */
    public static double[] eigenvalues(double[] a, int n) {
        double[] work = a.clone();
        double[] w = new double[n];
        check(openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'U', n, work, n, w), "dsyevd");
        return w;
    }

    /**
     * Solves A X = B for symmetric positive definite A (n x n) and B (n x nrhs), in place: A is
     * overwritten by its Cholesky factor, B by X. Returns false when A is not positive definite.
     */
    public static boolean solveSpd(double[] a, int n, double[] b, int nrhs) {
        int info = openblas.LAPACKE_dposv(openblas.LAPACK_ROW_MAJOR, (byte) 'U', n, nrhs, a, n, b, nrhs);
        if (info < 0) {
            throw new IllegalArgumentException("dposv: bad argument " + (-info));
        }
        return info == 0;
    }

    /** Solves A X = B for symmetric (possibly indefinite) A, in place (Bunch-Kaufman). */
    public static void solveSymmetric(double[] a, int n, double[] b, int nrhs) {
        int[] ipiv = new int[n];
        check(openblas.LAPACKE_dsysv(openblas.LAPACK_ROW_MAJOR, (byte) 'U', n, nrhs, a, n, ipiv, b, nrhs), "dsysv");
    }

    /** Replaces the columns of a (m x n, m >= n) by an orthonormal basis of their span (thin QR). */
    public static void orthonormalizeColumns(double[] a, int m, int n) {
        double[] tau = new double[Math.min(m, n)];
        check(openblas.LAPACKE_dgeqrf(openblas.LAPACK_ROW_MAJOR, m, n, a, n, tau), "dgeqrf");
        check(openblas.LAPACKE_dorgqr(openblas.LAPACK_ROW_MAJOR, m, n, n, a, n, tau), "dorgqr");
    }

    /** Singular values of a (m x n, not modified), descending. */
    public static double[] singularValues(double[] a, int m, int n) {
        double[] work = a.clone();
        double[] s = new double[Math.min(m, n)];
        check(openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', m, n, work, n, s, new double[1], 1,
                new double[1], 1), "dgesdd");
        return s;
    }

    private static void mirrorUpper(double[] c, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[i * n + j] = c[j * n + i];
            }
        }
    }

    private static void check(int info, String routine) {
        if (info != 0) {
            throw new ArithmeticException(routine + " failed with info " + info);
        }
    }
}
