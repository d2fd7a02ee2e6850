package cascade.engine.linalg;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
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

    static {
        Loader.load(openblas.class);
    }

    private Blas() {
    }

    /** Sets OpenBLAS's process-wide thread count (workers x BLAS threads should equal cores). */
    public static void setThreads(int threads) {
        openblas.blas_set_num_threads(Math.max(1, threads));
    }

    public static int threads() {
        return openblas.blas_get_num_threads();
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
        openblas.cblas_dgemm(ROW, transA ? T : NO, transB ? T : NO, m, n, k, alpha, a, transA ? m : k, b,
                transB ? k : n, beta, c, n);
    }

    /** Single-precision {@link #gemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
            float[] b, float beta, float[] c) {
        if (m == 0 || n == 0) {
            return;
        }
        openblas.cblas_sgemm(ROW, transA ? T : NO, transB ? T : NO, m, n, k, alpha, a, transA ? m : k, b,
                transB ? k : n, beta, c, n);
    }

    /** A (m x n) times x (n) into y (m): y = alpha A x + beta y. */
    public static void gemv(int m, int n, double alpha, double[] a, double[] x, double beta, double[] y) {
        openblas.cblas_dgemv(ROW, NO, m, n, alpha, a, n, x, 1, beta, y, 1);
    }

    /** C (n x n) = alpha A^T A + beta C for A (k x n); both triangles of C are filled. */
    public static void gram(int k, int n, double alpha, double[] a, double beta, double[] c) {
        openblas.cblas_dsyrk(ROW, openblas.CblasUpper, T, n, k, alpha, a, n, beta, c, n);
        mirrorUpper(c, n);
    }

    /**
     * Weighted Gram X^T diag(w) X (m x m) for X (n x m) and signed weights w, accumulated into c:
     * c = alpha X^T diag(w) X + beta c. Split by sign, it is A^T A - B^T B with the rows of A
     * (w > 0) scaled by sqrt(w) and those of B (w < 0) by sqrt(-w): two SYRKs over n rows in all,
     * half the flops of a GEMM. c must be symmetric (only its upper triangle is updated, then
     * mirrored). Uses one scratch copy of X.
     */
    public static void weightedGram(int n, int m, double[] x, double[] w, double alpha, double beta, double[] c) {
        int positive = 0;
        int negative = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                positive++;
            } else if (w[i] < 0) {
                negative++;
            }
        }
        // The scaled rows are written straight into native memory: no n x m heap array to zero and
        // no copy by the double[] overload on the way into OpenBLAS.
        try (DoublePointer pos = new DoublePointer(Math.max(1L, (long) positive * m));
                DoublePointer neg = new DoublePointer(Math.max(1L, (long) negative * m));
                DoublePointer out = new DoublePointer(c)) {
            DoubleBuffer pb = pos.asBuffer();
            DoubleBuffer nb = neg.asBuffer();
            for (int i = 0; i < n; i++) {
                if (w[i] == 0) {
                    continue;
                }
                DoubleBuffer target = w[i] > 0 ? pb : nb;
                double s = Math.sqrt(Math.abs(w[i]));
                int from = i * m;
                for (int j = 0; j < m; j++) {
                    target.put(s * x[from + j]);
                }
            }
            openblas.cblas_dsyrk(ROW, openblas.CblasUpper, T, m, positive, alpha, pos, m, beta, out, m);
            if (negative > 0) {
                openblas.cblas_dsyrk(ROW, openblas.CblasUpper, T, m, negative, -alpha, neg, m, 1.0, out, m);
            }
            out.get(c);
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
