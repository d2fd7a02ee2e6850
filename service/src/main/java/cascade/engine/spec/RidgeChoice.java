package cascade.engine.spec;

import org.jspecify.annotations.Nullable;

/**
 * A ridge penalty: a fixed value, or exact leave-one-out selection over a log grid
 * (1e-6 .. 1e6, SCIENCE.md section 4) when {@code fixed} is null. JSON: a number or "loo".
 */
public record RidgeChoice(@Nullable Double fixed) {

    public static RidgeChoice loo() {
        return new RidgeChoice(null);
    }

    public static RidgeChoice of(double value) {
        return new RidgeChoice(value);
    }

    public boolean isLeaveOneOut() {
        return fixed == null;
    }

    /** The log grid that leave-one-out searches: 25 points from 1e-6 to 1e6. */
    public static double[] looGrid() {
        double[] grid = new double[25];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = Math.pow(10, -6 + 0.5 * i);
        }
        return grid;
    }
}
