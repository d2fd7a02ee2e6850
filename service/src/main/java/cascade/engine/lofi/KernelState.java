package cascade.engine.lofi;

import cascade.engine.linalg.Blas;
import cascade.engine.linalg.KernelBlas;

/**
 * A representation held as kernels (sample space): the training Gram g (n x n, row-major,
 * symmetric), the cross kernel kt (nt x n: test row i against training row j) and the test
 * diagonal dt (nt). Explicit features h (n x k) and ht (nt x k) give g = h h^T, kt = ht h^T.
 */
final class KernelState {

    final int n;
    final int nt;
    final double[] g;
    final double[] kt;
    final double[] dt;

    KernelState(int n, int nt, double[] g, double[] kt, double[] dt) {
        this.n = n;
        this.nt = nt;
        this.g = g;
        this.kt = kt;
        this.dt = dt;
    }

    static KernelState linear(double[] h, int n, double[] ht, int nt, int k) {
        double[] g = new double[Math.multiplyExact(n, n)];
        KernelBlas.syrkRowsUpper(n, k, 1.0, h, 0.0, g);
        KernelBlas.mirrorUpper(g, n);
        double[] kt = new double[Math.multiplyExact(nt, n)];
        Blas.gemm(false, true, nt, n, k, 1.0, ht, h, 0.0, kt);
        double[] dt = new double[nt];
        for (int i = 0; i < nt; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += ht[i * k + j] * ht[i * k + j];
            }
            dt[i] = s;
        }
        return new KernelState(n, nt, g, kt, dt);
    }

    double[] trainDiagonal() {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = g[i * n + i];
        }
        return d;
    }

    /** Mean of the training diagonal: c^2 of the RMS row norm of the representation. */
    double meanSquaredNorm() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += g[i * n + i];
        }
        return s / n;
    }

    /**
     * The next layer's kernels through a ReLU layer at infinite width ({@link ArcCosine}) with
     * 1/c^2 = invC2; this state's arrays are overwritten and returned as the new state.
     */
    KernelState relu(double invC2) {
        double[] a = trainDiagonal();
        ArcCosine.map(g, n, n, a, a, invC2);
        ArcCosine.map(kt, nt, n, dt, a, invC2);
        for (int i = 0; i < nt; i++) {
            dt[i] = 0.5 * dt[i] * invC2;
        }
        return this;
    }
}
