package cascade.engine.spectral;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Readout on a scalar score s^ (SCIENCE.md 4, step 5): s^ rescaled to unit variance on the
 * training data, then a polynomial link y^ = sum_k c_k s^k fitted by least squares on training data
 * (degree 1 = the affine calibration a s^ + c; degree 3 = the "polynomial" readout). Solved by QR
 * (a (degree+1)-column least-squares problem).
 */
final class Calibration {

    private final double scale;
    private final double[] coefficients;

    private Calibration(double scale, double[] coefficients) {
        this.scale = scale;
        this.coefficients = coefficients;
    }

    static Calibration fit(double[] score, double[] y, int yFrom, int degree) {
        int n = score.length;
        double mean = 0;
        for (double s : score) {
            mean += s;
        }
        mean /= n;
        double var = 0;
        for (double s : score) {
            var += (s - mean) * (s - mean);
        }
        double sd = Math.sqrt(var / n);
        double scale = sd > 0 ? 1 / sd : 0;
        Array2DRowRealMatrix design = new Array2DRowRealMatrix(n, degree + 1);
        for (int i = 0; i < n; i++) {
            double s = score[i] * scale;
            double pow = 1;
            for (int k = 0; k <= degree; k++) {
                design.setEntry(i, k, pow);
                pow *= s;
            }
        }
        double[] target = new double[n];
        System.arraycopy(y, yFrom, target, 0, n);
        if (scale == 0) {
            double[] c = new double[degree + 1];
            c[0] = java.util.Arrays.stream(target).average().orElse(0);
            return new Calibration(0, c);
        }
        RealVector c = new QRDecomposition(design, 1e-12).getSolver().solve(new ArrayRealVector(target, false));
        return new Calibration(scale, c.toArray());
    }

    double[] predict(double[] score) {
        double[] out = new double[score.length];
        for (int i = 0; i < score.length; i++) {
            double s = score[i] * scale;
            double v = 0;
            for (int k = coefficients.length - 1; k >= 0; k--) {
                v = v * s + coefficients[k];
            }
            out[i] = v;
        }
        return out;
    }

    double[] coefficients() {
        return coefficients.clone();
    }
}
