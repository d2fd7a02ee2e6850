/**
 * The only door to OpenBLAS and LAPACK (bytedeco): dense kernels on row-major arrays, symmetric
 * eigensolvers, Gram accumulation, and the process-wide BLAS thread count. The only package that
 * may import {@code org.bytedeco}; no estimator logic.
 */
@NullMarked
package cascade.engine.linalg;

import org.jspecify.annotations.NullMarked;
