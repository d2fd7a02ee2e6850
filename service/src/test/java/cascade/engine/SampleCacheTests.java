package cascade.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSpecs;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.teacher.Teacher;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SampleCacheTests {

    private final ExperimentSpec spec = TestSpecs.tiny("cache", 3, 1);

    /** A prefix served from a larger cached draw is bit for bit the fresh draw of that n. */
    @Test
    void prefixOfALargerDrawIsTheFreshDraw() {
        SampleCache cache = new SampleCache(1L << 30);
        Teacher teacher = Teacher.of(spec.teacher(), 7);
        Teacher.Sample big = cache.sample(spec.teacher(), 7, teacher, "train", 3000);
        Teacher.Sample small = cache.sample(spec.teacher(), 7, teacher, "train", 1100);
        Teacher.Sample fresh = Teacher.of(spec.teacher(), 7).sample("train", 1100);
        assertThat(small.n()).isEqualTo(1100);
        assertThat(small.x()).isSameAs(big.x());
        assertThat(Arrays.copyOf(small.x(), 1100 * small.dim())).isEqualTo(fresh.x());
        assertThat(Arrays.copyOf(small.y(), 1100)).isEqualTo(fresh.y());
        assertThat(cache.stats()).contains("hits=1", "misses=1");
    }

    /** A larger request than cached draws again, and the result is still the fresh draw. */
    @Test
    void aLargerRequestRedraws() {
        SampleCache cache = new SampleCache(1L << 30);
        Teacher teacher = Teacher.of(spec.teacher(), 3);
        cache.sample(spec.teacher(), 3, teacher, "train", 500);
        Teacher.Sample bigger = cache.sample(spec.teacher(), 3, teacher, "train", 2000);
        assertThat(bigger.y()).isEqualTo(Teacher.of(spec.teacher(), 3).sample("train", 2000).y());
        assertThat(cache.stats()).contains("hits=0", "misses=2", "entries=1");
    }

    /** A draw over the budget is returned but not kept; other seeds never share entries. */
    @Test
    void overBudgetIsNotKeptAndSeedsAreDistinct() {
        SampleCache cache = new SampleCache(1000);
        Teacher t1 = Teacher.of(spec.teacher(), 1);
        Teacher.Sample s = cache.sample(spec.teacher(), 1, t1, "train", 400);
        assertThat(s.n()).isEqualTo(400);
        assertThat(cache.stats()).contains("entries=0");
        SampleCache roomy = new SampleCache(1L << 30);
        Teacher.Sample a = roomy.sample(spec.teacher(), 1, t1, "train", 400);
        Teacher.Sample b = roomy.sample(spec.teacher(), 2, Teacher.of(spec.teacher(), 2), "train", 400);
        assertThat(a.y()).isNotEqualTo(b.y());
    }

    /** Eight threads asking for the same rows at once draw them once and all see the same array. */
    @Test
    void concurrentRequestsDrawOnce() throws Exception {
        SampleCache cache = new SampleCache(1L << 30);
        Teacher real = Teacher.of(spec.teacher(), 5);
        try (var pool = Executors.newFixedThreadPool(8)) {
            var futures = new java.util.ArrayList<Future<Teacher.Sample>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> cache.sample(spec.teacher(), 5, real, "train", 4000)));
            }
            Teacher.Sample first = futures.get(0).get();
            for (Future<Teacher.Sample> f : futures) {
                assertThat(f.get().x()).isSameAs(first.x());
            }
        }
        assertThat(cache.stats()).contains("misses=1", "hits=7");
    }
}
