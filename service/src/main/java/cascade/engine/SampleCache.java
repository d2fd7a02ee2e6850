package cascade.engine;

import cascade.engine.spec.TeacherSpec;
import cascade.engine.teacher.Teacher;

/**
 * Generated samples shared by every run of a process (SCIENCE.md sweeps are nested and paired):
 * the runs of one (teacher, seed) draw rows [0, n) of the same counter-based streams, so the rows
 * drawn for the largest n serve every smaller n and every estimator as a prefix. Rows depend only
 * on (teacher, seed, stream, row), never on what was cached before, so a hit returns exactly the
 * numbers a fresh draw would (checked by SampleCacheTests).
 *
 * <p>Bounded by a byte budget, least recently used first out; a sample larger than the budget is
 * drawn but not kept. Two runs asking for the same rows at once draw them once: the second waits
 * for the first. Workers run the largest n of a sweep first, so one draw per seed usually serves
 * the whole sweep.
 */
public final class SampleCache {

    private record Key(TeacherSpec teacher, long seed, String stream) {
    }

    private static final SampleCache SHARED = new SampleCache(Runtime.getRuntime().maxMemory() / 4);

    private final SharedCache<Key, Teacher.Sample> cache;

    public SampleCache(long budgetBytes) {
        this.cache = new SharedCache<>(budgetBytes);
    }

    /** The process-wide cache: a quarter of the maximum heap. */
    public static SampleCache shared() {
        return SHARED;
    }

    /**
     * Rows [0, n) of {@code stream} of the teacher built from (spec, seed). The returned sample's
     * arrays may hold more rows than n (a prefix view of a larger draw): use its {@code n()}, and
     * never write to them.
     */
    public Teacher.Sample sample(TeacherSpec spec, long seed, Teacher teacher, String stream, int n) {
        long bytes = ((long) n * teacher.inputDimension() + n) * Double.BYTES;
        return prefix(cache.get(new Key(spec, seed, stream), n, bytes, () -> teacher.sample(stream, n)), n);
    }

    /** Hits and misses so far, for logs and tests. */
    public String stats() {
        return cache.stats();
    }

    /** The first n rows of s; all of s when it holds fewer (a dataset's test split, say). */
    private static Teacher.Sample prefix(Teacher.Sample s, int n) {
        return n >= s.n() ? s : new Teacher.Sample(s.x(), n, s.dim(), s.y());
    }
}
