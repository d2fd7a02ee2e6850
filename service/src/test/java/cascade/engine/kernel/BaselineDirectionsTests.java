package cascade.engine.kernel;

import static cascade.engine.KindExamples.reportsDirections;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lazy baselines learn no features: they never report planted-direction estimates. */
class BaselineDirectionsTests {

    @Test
    void baselinesReportNoDirections() {
        Map<String, Object> teacher = Map.of("kind", "hierarchical", "input", "hermite", "d", 8, "p", 3);
        List<Map<String, Object>> baselines = List.of(Map.of("kind", "kernel-ridge", "maxTrain", 300),
                Map.of("kind", "random-features", "width", 64), Map.of("kind", "ridge"));
        for (Map<String, Object> estimator : baselines) {
            assertThat(reportsDirections(teacher, estimator)).as("%s", estimator).isFalse();
        }
    }
}
