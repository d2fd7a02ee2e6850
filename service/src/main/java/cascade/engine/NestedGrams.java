package cascade.engine;

import cascade.engine.features.FeatureMap;
import cascade.engine.linalg.Blas;
import cascade.engine.spec.TeacherSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Prefix statistics of a nested sweep, for the dense first-layer operator. The rows between two
 * consecutive sweep points form a segment; for each segment the process keeps two D x D sums over
 * its rows, on raw (unstandardised) labels u:
 * <pre>  S_u = sum u_i f_i f_i^T,   S_1 = sum f_i f_i^T.</pre>
 * A run at n standardises with y = (u - m) / s (m, s: its own training mean and std), so its
 * weighted Gram is exactly (sum_seg S_u - m sum_seg S_1) / s over the segments below n. A sweep of
 * K points then costs 2 SYRK flops per row once per seed (the S_u split by sign, and S_1) instead of
 * one per row per point: sum_j n_j rows, which is 3.4 n_max for 13 points a factor sqrt(2) apart.
 *
 * <p>Segments are computed once per process and shared (bounded LRU by bytes); two runs that need
 * the same segment at once compute it once, the other waits, and each run computes its missing
 * segments largest first so concurrent runs of one seed split the work. A segment's value depends
 * only on (teacher, seed, feature map, rows), never on cache state, so results are the same on every
 * worker and every run order.
 */
final class NestedGrams implements NestedStatistics {

    private record Key(TeacherSpec teacher, long seed, String map, int from, int to) {
    }

    private record Segment(double[] su, double[] s1) {
    }

    private static final SharedCache<Key, Segment> SEGMENTS = new SharedCache<>(Runtime.getRuntime().maxMemory() / 8);

    private final TeacherSpec teacher;
    private final long seed;
    private final List<Integer> points;
    private final double[] x;
    private final int dim;
    private final double[] raw;
    private final double mean;
    private final double sd;

    /**
     * @param points the sweep's n values, ascending
     * @param x      training inputs (at least n_run x dim, row-major), shared, never written
     * @param raw    raw training labels (at least n_run), shared, never written
     * @param mean   the run's label mean, @param sd its label standard deviation (y = (raw - mean) / sd)
     */
    NestedGrams(TeacherSpec teacher, long seed, List<Integer> points, double[] x, int dim, double[] raw, double mean,
            double sd) {
        this.teacher = teacher;
        this.seed = seed;
        this.points = points;
        this.x = x;
        this.dim = dim;
        this.raw = raw;
        this.mean = mean;
        this.sd = sd;
    }

    @Override
    public double @Nullable [] weightedGram(FeatureMap map, int n, RunControl control) {
        int index = points.indexOf(n);
        if (index < 0) {
            return null;
        }
        int d = map.outputDimension();
        String mapKey = map.getClass().getName() + ":" + map.isIdentity() + ":" + d;
        List<Key> keys = new ArrayList<>();
        for (int j = 0; j <= index; j++) {
            keys.add(new Key(teacher, seed, mapKey, j == 0 ? 0 : points.get(j - 1), points.get(j)));
        }
        // Largest segment first, computing the ones no other run is on and waiting for the rest
        // last, so concurrent runs of one seed split the segments between them.
        Map<Key, CompletableFuture<Segment>> futures = new LinkedHashMap<>();
        long bytes = 2L * d * d * Double.BYTES;
        for (int j = keys.size() - 1; j >= 0; j--) {
            Key key = keys.get(j);
            control.checkpoint();
            futures.put(key, SEGMENTS.start(key, 1, bytes, () -> compute(map, key.from(), key.to(), d, control)));
        }
        double[] su = new double[d * d];
        double[] s1 = new double[d * d];
        for (Key key : keys) {
            Segment s = SharedCache.await(futures.get(key), () -> compute(map, key.from(), key.to(), d, control));
            for (int i = 0; i < su.length; i++) {
                su[i] += s.su()[i];
                s1[i] += s.s1()[i];
            }
        }
        double inv = 1 / sd;
        for (int i = 0; i < su.length; i++) {
            su[i] = (su[i] - mean * s1[i]) * inv;
        }
        return su;
    }

    private Segment compute(FeatureMap map, int from, int to, int d, RunControl control) {
        double[] su = new double[d * d];
        double[] s1 = new double[d * d];
        if (map.isIdentity()) {
            Blas.weightedGram(x, from, to - from, d, raw, 1.0, 0.0, su);
            Blas.gram(x, from, to - from, d, 1.0, 0.0, s1);
            return new Segment(su, s1);
        }
        int batch = Math.max(1, Math.min(4096, (1 << 22) / d));
        double[] xb = new double[batch * dim];
        double[] zb = new double[batch * d];
        for (int b = from; b < to; b += batch) {
            control.checkpoint();
            int rows = Math.min(batch, to - b);
            System.arraycopy(x, b * dim, xb, 0, rows * dim);
            map.apply(xb, rows, zb);
            double[] w = java.util.Arrays.copyOfRange(raw, b, b + rows);
            Blas.weightedGram(rows, d, zb, w, 1.0, 1.0, su);
            Blas.gram(zb, 0, rows, d, 1.0, 1.0, s1);
        }
        return new Segment(su, s1);
    }
}
