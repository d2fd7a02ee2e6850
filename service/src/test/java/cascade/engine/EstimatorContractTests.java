package cascade.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered estimator kind keeps on every synthetic teacher kind (STYLE.md:
 * shared contract tests), for every example of both ({@link KindExamples}): it runs from a spec,
 * its metrics are finite, the same key gives the same numbers, it stops at a checkpoint when
 * cancelled, and direction metrics come only with planted directions, all together.
 */
class EstimatorContractTests {

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Map<String, Object> t : KindExamples.syntheticTeachers()) {
            for (Map<String, Object> e : KindExamples.estimators()) {
                all.add(Arguments.of(t, e));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("combinations")
    void runsDeterministicallyWithFiniteMetrics(Map<String, Object> teacher, Map<String, Object> estimator) {
        ExperimentSpec spec = KindExamples.spec(teacher, estimator);
        RunKey key = new RunKey(0, 400, 3);
        RunOutcome a = Engine.run(spec, key, RunControl.NONE);
        RunOutcome b = Engine.run(spec, key, RunControl.NONE);
        assertThat(a.metrics()).containsKeys("nmse", "mse");
        assertThat(a.metrics().values()).allSatisfy(v -> assertThat(v).isFinite());
        assertThat(a.metrics()).isEqualTo(b.metrics());
        // Which kinds estimate directions is each kind's own test; any that does, does so consistently.
        boolean directions = a.directionCos2() != null;
        assertThat(!directions || spec.teacher().plantedDirections() > 0).isTrue();
        assertThat(a.metrics().containsKey("overlapA")).isEqualTo(directions);
        assertThat(a.metrics().containsKey("recoveredRank")).isEqualTo(directions);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("combinations")
    void stopsAtACheckpointWhenCancelled(Map<String, Object> teacher, Map<String, Object> estimator) {
        ExperimentSpec spec = KindExamples.spec(teacher, estimator);
        AtomicInteger checkpoints = new AtomicInteger();
        RunControl cancelAfterTwo = new RunControl() {
            @Override
            public void checkpoint() {
                if (checkpoints.incrementAndGet() > 2) {
                    throw new RunCancelledException("cancelled");
                }
            }

            @Override
            public void progress(double fraction, String stage) {
            }
        };
        assertThatThrownBy(() -> Engine.run(spec, new RunKey(0, 400, 3), cancelAfterTwo))
                .isInstanceOf(RunCancelledException.class);
    }
}
