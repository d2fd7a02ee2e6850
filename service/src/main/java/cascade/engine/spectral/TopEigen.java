package cascade.engine.spectral;

import cascade.engine.RunControl;
import cascade.engine.linalg.Blas;
import cascade.engine.linalg.Signs;
import cascade.engine.linalg.SymmetricEigen;
import cascade.engine.random.Streams;

/**
 * Leading eigenpairs of the first-layer operator by |lambda| (SCIENCE.md 4, step 2). Small D:
 * the dense operator and a full LAPACK eigendecomposition (exact; cheaper than iterating when
 * D <= 2 x iterations x block). Large D: block power (subspace) iteration on M itself, which
 * amplifies by |lambda| and so converges to the largest |lambda| whatever their signs, with QR
 * re-orthonormalisation and a Rayleigh-Ritz step every iteration; it stops when the wanted pairs'
 * relative residual falls under the tolerance, the iteration count being only a cap (near-
 * threshold spikes sit close to the bulk edge and converge slowly, SCIENCE.md 8).
 */
final class TopEigen {

    private TopEigen() {
    }

    static Eigenpairs compute(SpectralOperator op, int wanted, int oversample, int iterations, double tolerance,
            long seed, RunControl control) {
        int dim = op.dimension();
        int block = Math.min(dim, wanted + oversample);
        if (dim <= Math.max(600, 2L * iterations * block) && dim <= 4000) {
            return exact(op, block, control);
        }
        return iterate(op, wanted, block, iterations, tolerance, seed, control);
    }

    static Eigenpairs exact(SpectralOperator op, int block, RunControl control) {
        int dim = op.dimension();
        double[] m = op.dense();
        control.checkpoint();
        double[][] top = Blas.topByMagnitude(m, dim, block);
        return new Eigenpairs(top[0], top[1], block, dim, 0, 0.0);
    }

    static Eigenpairs iterate(SpectralOperator op, int wanted, int block, int iterations, double tolerance,
            long seed, RunControl control) {
        int dim = op.dimension();
        double[] v = Streams.normals(Streams.provider(seed, "spectral.start"), dim * block);
        Blas.orthonormalizeColumns(v, dim, block);
        double[] w = new double[dim * block];
        double[] values = new double[block];
        double[] ritz = new double[dim * block];
        double residual = Double.POSITIVE_INFINITY;
        int it = 0;
        while (it < iterations) {
            it++;
            op.apply(v, block, w);                                   // W = M V
            // Rayleigh-Ritz on span(V): T = V^T W (block x block), T = S diag(theta) S^T.
            double[] t = new double[block * block];
            Blas.gemm(true, false, block, block, dim, 1.0, v, w, 0.0, t);
            symmetrize(t, block);
            SymmetricEigen eig = Blas.eigh(t, block);
            int[] order = eig.topByMagnitude(block);
            double[] s = new double[block * block];
            for (int c = 0; c < block; c++) {
                values[c] = eig.values()[order[c]];
                for (int r = 0; r < block; r++) {
                    s[r * block + c] = eig.vectors()[r * block + order[c]];
                }
            }
            Blas.gemm(false, false, dim, block, block, 1.0, v, s, 0.0, ritz);   // Ritz vectors V S
            double[] ws = new double[dim * block];
            Blas.gemm(false, false, dim, block, block, 1.0, w, s, 0.0, ws);     // M (V S) = W S
            residual = 0;
            for (int c = 0; c < Math.min(wanted, block); c++) {
                double rr = 0;
                for (int r = 0; r < dim; r++) {
                    double e = ws[r * block + c] - values[c] * ritz[r * block + c];
                    rr += e * e;
                }
                residual = Math.max(residual, Math.sqrt(rr) / Math.max(Math.abs(values[c]), 1e-300));
            }
            control.progress((double) it / iterations, "eigen");
            if (residual <= tolerance) {
                break;
            }
            // Next block: span(W S) = span(M V), re-orthonormalised.
            System.arraycopy(ws, 0, v, 0, v.length);
            Blas.orthonormalizeColumns(v, dim, block);
        }
        double[] rows = new double[block * dim];
        for (int c = 0; c < block; c++) {
            for (int r = 0; r < dim; r++) {
                rows[c * dim + r] = ritz[r * block + c];
            }
            normalize(rows, c * dim, dim);
            Signs.fix(rows, c * dim, dim);
        }
        return new Eigenpairs(values.clone(), rows, block, dim, it, residual);
    }

    private static void symmetrize(double[] t, int k) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                double a = (t[i * k + j] + t[j * k + i]) / 2;
                t[i * k + j] = a;
                t[j * k + i] = a;
            }
        }
    }

    private static void normalize(double[] v, int off, int len) {
        double s = 0;
        for (int i = off; i < off + len; i++) {
            s += v[i] * v[i];
        }
        double inv = 1 / Math.sqrt(s);
        for (int i = off; i < off + len; i++) {
            v[i] *= inv;
        }
    }
}
