package cascade.engine;

import cascade.engine.spec.TeacherSpec;
import cascade.engine.teacher.Teacher;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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

    private record Entry(int n, long bytes, CompletableFuture<Teacher.Sample> sample) {
    }

    private static final SampleCache SHARED = new SampleCache(Runtime.getRuntime().maxMemory() / 4);

    private final long budget;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;
    private long hits;
    private long misses;

    public SampleCache(long budgetBytes) {
        this.budget = budgetBytes;
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
        Key key = new Key(spec, seed, stream);
        long bytes = ((long) n * teacher.inputDimension() + n) * Double.BYTES;
        Entry entry;
        boolean draw = false;
        synchronized (this) {
            entry = entries.get(key);
            if (entry != null && entry.n() >= n) {
                hits++;
            } else {
                misses++;
                if (entry != null) {
                    remove(key);
                }
                if (bytes > budget) {
                    entry = null;
                } else {
                    entry = new Entry(n, bytes, new CompletableFuture<>());
                    entries.put(key, entry);
                    used += bytes;
                    evictOver(key);
                    draw = true;
                }
            }
        }
        if (entry == null) {
            return teacher.sample(stream, n);
        }
        if (draw) {
            try {
                entry.sample().complete(teacher.sample(stream, n));
            } catch (RuntimeException | Error e) {
                entry.sample().completeExceptionally(e);
                synchronized (this) {
                    if (entries.get(key) == entry) {
                        remove(key);
                    }
                }
                throw e;
            }
        }
        return prefix(join(entry.sample()), n);
    }

    /** Hits and misses so far, for logs and tests. */
    public synchronized String stats() {
        return "hits=" + hits + " misses=" + misses + " entries=" + entries.size() + " bytes=" + used;
    }

    /** The first n rows of s; all of s when it holds fewer (a dataset's test split, say). */
    private static Teacher.Sample prefix(Teacher.Sample s, int n) {
        return n >= s.n() ? s : new Teacher.Sample(s.x(), n, s.dim(), s.y());
    }

    private static Teacher.Sample join(CompletableFuture<Teacher.Sample> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted while waiting for samples");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void remove(Key key) {
        Entry e = entries.remove(key);
        if (e != null) {
            used -= e.bytes();
        }
    }

    private void evictOver(Key keep) {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (used > budget && it.hasNext()) {
            Map.Entry<Key, Entry> e = it.next();
            if (!e.getKey().equals(keep)) {
                used -= e.getValue().bytes();
                it.remove();
            }
        }
    }
}
