package cascade.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.TestSpecs;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, verified live: estimators x n x seeds was multiplied in an int, so 215 828 estimators
 * x 199 n x 100 seeds wrapped to 9 904 runs and passed the 10 000-run limit. The count is a long.
 */
class RunCountTests {

    @Test
    void theRunCountDoesNotWrap() {
        ExperimentSpec tiny = TestSpecs.tiny("count", 2, 1);
        EstimatorSpec ridge = tiny.estimators().get(1);
        List<Integer> ns = new ArrayList<>(IntStream.rangeClosed(1, 199).map(i -> 1000 + i).boxed().toList());
        List<Long> seeds = LongStream.range(0, 100).boxed().toList();
        ExperimentSpec huge = new ExperimentSpec(tiny.name(), tiny.tags(), tiny.teacher(),
                Collections.nCopies(215_828, ridge), new SweepSpec(ns, seeds), tiny.test(), tiny.fit(), tiny.expect());
        // 215 828 x 199 x 100 = 4 294 977 200 = 2^32 + 9 904 (hand-computed).
        assertThat(Experiments.runCount(huge)).isEqualTo(4_294_977_200L).isEqualTo((1L << 32) + 9_904);
    }
}
