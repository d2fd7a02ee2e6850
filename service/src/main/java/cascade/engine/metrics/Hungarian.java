package cascade.engine.metrics;

import java.util.Arrays;

/**
 * Minimum-cost assignment on a rectangular cost matrix (rows <= cols after transposition), the
 * O(n^2 m) shortest-augmenting-path form of the Kuhn-Munkres algorithm (Jonker-Volgenant style
 * potentials). Used to match teacher directions to estimated ones by |cos| (SCIENCE.md 5).
 */
public final class Hungarian {

    private Hungarian() {
    }

    /**
     * For a cost matrix (rows x cols, row-major) returns for each row the assigned column, or -1
     * when rows > cols leaves the row unassigned. Minimises the total cost.
     */
    public static int[] assign(double[] cost, int rows, int cols) {
        if (rows > cols) {
            double[] t = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[j * rows + i] = cost[i * cols + j];
                }
            }
            int[] colToRow = assign(t, cols, rows);
            int[] rowToCol = new int[rows];
            Arrays.fill(rowToCol, -1);
            for (int j = 0; j < cols; j++) {
                rowToCol[colToRow[j]] = j;
            }
            return rowToCol;
        }
        // 1-based potentials formulation (e-maxx): u over rows, v over columns, p[j] = row of column j.
        double[] u = new double[rows + 1];
        double[] v = new double[cols + 1];
        int[] p = new int[cols + 1];
        int[] way = new int[cols + 1];
        for (int i = 1; i <= rows; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[cols + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[cols + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= cols; j++) {
                    if (!used[j]) {
                        double cur = cost[(i0 - 1) * cols + (j - 1)] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= cols; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[rows];
        Arrays.fill(rowToCol, -1);
        for (int j = 1; j <= cols; j++) {
            if (p[j] != 0) {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }
}
