package cascade.engine.linalg;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * The level-2/3 BLAS calls on large arrays, bound with the Foreign Function API as critical
 * downcalls that read and write Java heap arrays in place ({@link Linker.Option#critical}).
 * JavaCPP's {@code double[]} overloads copy every array into native memory and back (for an
 * n x D sample matrix that is a fresh, page-faulting allocation of the whole matrix per call);
 * these calls copy nothing.
 *
 * <p>The symbols come from the very {@code libopenblas.so.0} that JavaCPP loaded (dlopen of the
 * same file returns the same instance), so there is still one OpenBLAS per process and
 * {@link Blas#setThreads} governs both routes. The calls are short enough for a critical region:
 * they never call back into Java, and G1 pins only the regions of the arrays passed.
 */
final class CriticalBlas {

    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;
    private static final java.lang.foreign.AddressLayout P = ValueLayout.ADDRESS;

    private static final MethodHandle DGEMM;
    private static final MethodHandle SGEMM;
    private static final MethodHandle DSYRK;
    private static final MethodHandle DGEMV;
    private static final MethodHandle SET_THREADS;
    private static final MethodHandle GET_THREADS;

    static {
        String jni = Loader.load(openblas.class);
        Path library = Path.of(jni).resolveSibling("libopenblas.so.0");
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(true);
        DGEMM = linker.downcallHandle(lookup.findOrThrow("cblas_dgemm"),
                FunctionDescriptor.ofVoid(I, I, I, I, I, I, D, P, I, P, I, D, P, I), critical);
        SGEMM = linker.downcallHandle(lookup.findOrThrow("cblas_sgemm"),
                FunctionDescriptor.ofVoid(I, I, I, I, I, I, F, P, I, P, I, F, P, I), critical);
        DSYRK = linker.downcallHandle(lookup.findOrThrow("cblas_dsyrk"),
                FunctionDescriptor.ofVoid(I, I, I, I, I, D, P, I, D, P, I), critical);
        DGEMV = linker.downcallHandle(lookup.findOrThrow("cblas_dgemv"),
                FunctionDescriptor.ofVoid(I, I, I, I, D, P, I, P, I, D, P, I), critical);
        SET_THREADS = linker.downcallHandle(lookup.findOrThrow("openblas_set_num_threads"), FunctionDescriptor.ofVoid(I));
        GET_THREADS = linker.downcallHandle(lookup.findOrThrow("openblas_get_num_threads"), FunctionDescriptor.of(I));
    }

    /**
     * Thread count of this libopenblas.so.0, the one LAPACK and these calls run in. JavaCPP also
     * loads libopenblas_nolapack.so.0, a second OpenBLAS whose count its own setter changes: measured
     * here, setting only that one left this library at one thread per core under every worker.
     */
    static void setThreads(int threads) {
        try {
            SET_THREADS.invokeExact(threads);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int threads() {
        try {
            return (int) GET_THREADS.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private CriticalBlas() {
    }

    /** dgemm on A, B, C starting at element offsets aOff, bOff, cOff of their arrays. */
    static void dgemm(int order, int transA, int transB, int m, int n, int k, double alpha, double[] a, long aOff,
            int lda, double[] b, long bOff, int ldb, double beta, double[] c, long cOff, int ldc) {
        try {
            DGEMM.invokeExact(order, transA, transB, m, n, k, alpha, slice(a, aOff), lda, slice(b, bOff), ldb, beta,
                    slice(c, cOff), ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, float[] a, int lda,
            float[] b, int ldb, float beta, float[] c, int ldc) {
        try {
            SGEMM.invokeExact(order, transA, transB, m, n, k, alpha, MemorySegment.ofArray(a), lda,
                    MemorySegment.ofArray(b), ldb, beta, MemorySegment.ofArray(c), ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** dsyrk on A starting at element offset {@code aOffset} of {@code a}. */
    static void dsyrk(int order, int uplo, int trans, int n, int k, double alpha, double[] a, long aOffset, int lda,
            double beta, double[] c, int ldc) {
        try {
            DSYRK.invokeExact(order, uplo, trans, n, k, alpha,
                    MemorySegment.ofArray(a).asSlice(aOffset * Double.BYTES), lda, beta, MemorySegment.ofArray(c), ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void dgemv(int order, int trans, int m, int n, double alpha, double[] a, int lda, double[] x, int incx,
            double beta, double[] y, int incy) {
        try {
            DGEMV.invokeExact(order, trans, m, n, alpha, MemorySegment.ofArray(a), lda, MemorySegment.ofArray(x), incx,
                    beta, MemorySegment.ofArray(y), incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MemorySegment slice(double[] a, long offset) {
        MemorySegment s = MemorySegment.ofArray(a);
        return offset == 0 ? s : s.asSlice(offset * Double.BYTES);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
