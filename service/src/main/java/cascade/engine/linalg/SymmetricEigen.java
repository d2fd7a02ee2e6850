package cascade.engine.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Eigenpairs of a symmetric n x n matrix: {@code values} ascending, {@code vectors} row-major with
 * eigenvector j in column j.
 */
public record SymmetricEigen(int n, double[] values, double[] vectors) {

    /** Eigenvector j as a new array. */
    public double[] vector(int j) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = vectors[i * n + j];
        }
        return v;
    }

    /**
     * Indices of the k eigenvalues of largest |lambda|, by decreasing |lambda| (ties by larger
     * value first, so the order is reproducible).
     */
    public int[] topByMagnitude(int k) {
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> -Math.abs(values[j])).thenComparingDouble(j -> -values[j]))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The eigenvectors {@code indices} as rows (k x n, row-major), each with the sign convention
     * of SCIENCE.md 4: its largest-|entry| component positive.
     */
    public double[] rows(int[] indices) {
        double[] out = new double[indices.length * n];
        for (int r = 0; r < indices.length; r++) {
            double[] v = vector(indices[r]);
            Signs.fix(v, 0, n);
            System.arraycopy(v, 0, out, r * n, n);
        }
        return out;
    }

    public double[] valuesAt(int[] indices) {
        return Arrays.stream(indices).mapToDouble(j -> values[j]).toArray();
    }
}
