package cascade.engine.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.jspecify.annotations.Nullable;

/**
 * Least-squares fit of log(metric) against log(n) (SCIENCE.md 7). The curve fitted is the seed
 * mean at each n. The 95% interval is a bootstrap over seeds (seeds resampled with replacement,
 * the same draw at every n since sweeps are nested and paired; 2000 replicates, fixed generator)
 * with at least 4 seeds, else the regression's standard error with a Student t quantile.
 */
public final class PowerLawFit {

    static final int BOOTSTRAP = 2000;
    /** A segment is "decaying" when its slope is at least this fraction of the steepest one. */
    static final double SLOPE_FRACTION = 0.5;
    /** Points still above this fraction of the first value are on the initial plateau. */
    static final double PLATEAU_FRACTION = 0.9;

    private PowerLawFit() {
    }

    /**
     * @param n      sample sizes, increasing
     * @param values values[i][s]: seed s at n[i] (rows may differ in length while running)
     * @param nMin   window start, or null to choose it from the data
     * @param nMax   window end, or null to choose it from the data
     * @return the fit, or empty with fewer than 3 usable points (positive seed mean) in the window
     */
    public static Optional<PowerLaw> fit(double[] n, double[][] values, @Nullable Double nMin, @Nullable Double nMax) {
        List<Integer> usable = new ArrayList<>();
        double[] mean = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            mean[i] = values[i].length == 0 ? Double.NaN : Arrays.stream(values[i]).average().orElse(Double.NaN);
            if (mean[i] > 0 && Double.isFinite(mean[i])) {
                usable.add(i);
            }
        }
        int[] window = nMin == null && nMax == null ? autoWindow(n, mean, usable)
                : usable.stream().filter(i -> (nMin == null || n[i] >= nMin) && (nMax == null || n[i] <= nMax))
                        .mapToInt(Integer::intValue).toArray();
        if (window.length < 3) {
            return Optional.empty();
        }
        SimpleRegression reg = regression(n, mean, window);
        double slope = reg.getSlope();
        double lo;
        double hi;
        String method;
        int seeds = Arrays.stream(window).map(i -> values[i].length).min().orElse(0);
        if (seeds >= 4) {
            double[] boot = bootstrap(n, values, window, seeds);
            lo = quantile(boot, 0.025);
            hi = quantile(boot, 0.975);
            method = "bootstrap-seeds";
        } else {
            double t = new TDistribution(window.length - 2).inverseCumulativeProbability(0.975);
            double se = window.length > 2 ? reg.getSlopeStdErr() : Double.NaN;
            lo = slope - t * se;
            hi = slope + t * se;
            method = "t-regression";
        }
        return Optional.of(new PowerLaw(slope, reg.getIntercept(), lo, hi, reg.getRSquare(), n[window[0]],
                n[window[window.length - 1]], window.length, method));
    }

    /**
     * The automatic window: drop points on the initial plateau (seed mean above 90% of the first
     * value), then among the remaining consecutive segments keep the longest contiguous run whose
     * log-log slope is at least 50% of the steepest segment's (this drops the final plateau, where
     * the slope flattens); fall back to all non-plateau points when no run has 3 points.
     */
    static int[] autoWindow(double[] n, double[] mean, List<Integer> usable) {
        if (usable.isEmpty()) {
            return new int[0];
        }
        double first = mean[usable.get(0)];
        List<Integer> pts = usable.stream().filter(i -> mean[i] <= PLATEAU_FRACTION * first).toList();
        if (pts.size() < 3) {
            pts = usable;
        }
        if (pts.size() < 3) {
            return pts.stream().mapToInt(Integer::intValue).toArray();
        }
        double[] slopes = new double[pts.size() - 1];
        double steepest = 0;
        for (int s = 0; s < slopes.length; s++) {
            int a = pts.get(s);
            int b = pts.get(s + 1);
            slopes[s] = (Math.log(mean[b]) - Math.log(mean[a])) / (Math.log(n[b]) - Math.log(n[a]));
            steepest = Math.max(steepest, Math.abs(slopes[s]));
        }
        int bestStart = 0;
        int bestLen = 0;
        int start = -1;
        for (int s = 0; s <= slopes.length; s++) {
            boolean ok = s < slopes.length && Math.abs(slopes[s]) >= SLOPE_FRACTION * steepest
                    && Math.signum(slopes[s]) == Math.signum(slopes[argMax(slopes)]);
            if (ok && start < 0) {
                start = s;
            }
            if (!ok && start >= 0) {
                if (s - start > bestLen) {
                    bestLen = s - start;
                    bestStart = start;
                }
                start = -1;
            }
        }
        if (bestLen + 1 < 3) {
            return pts.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] out = new int[bestLen + 1];
        for (int i = 0; i <= bestLen; i++) {
            out[i] = pts.get(bestStart + i);
        }
        return out;
    }

    private static int argMax(double[] slopes) {
        int arg = 0;
        for (int i = 1; i < slopes.length; i++) {
            if (Math.abs(slopes[i]) > Math.abs(slopes[arg])) {
                arg = i;
            }
        }
        return arg;
    }

    private static SimpleRegression regression(double[] n, double[] mean, int[] window) {
        SimpleRegression reg = new SimpleRegression();
        for (int i : window) {
            reg.addData(Math.log(n[i]), Math.log(mean[i]));
        }
        return reg;
    }

    private static double[] bootstrap(double[] n, double[][] values, int[] window, int seeds) {
        UniformRandomProvider rng = new XoRoShiRo128PlusPlus(0x5EED5L, 0xB007L);
        double[] slopes = new double[BOOTSTRAP];
        double[] mean = new double[n.length];
        int[] draw = new int[seeds];
        int kept = 0;
        for (int b = 0; b < BOOTSTRAP; b++) {
            for (int s = 0; s < seeds; s++) {
                draw[s] = rng.nextInt(seeds);
            }
            boolean ok = true;
            for (int i : window) {
                double sum = 0;
                for (int s : draw) {
                    sum += values[i][s];
                }
                mean[i] = sum / seeds;
                ok &= mean[i] > 0;
            }
            if (ok) {
                slopes[kept++] = regression(n, mean, window).getSlope();
            }
        }
        return Arrays.copyOf(slopes, kept);
    }

    static double quantile(double[] xs, double q) {
        double[] s = xs.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
