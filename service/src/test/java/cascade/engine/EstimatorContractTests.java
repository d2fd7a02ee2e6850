package cascade.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every estimator keeps on every teacher (STYLE.md: shared contract tests): it runs
 * from a spec, its metrics are finite, the same key gives the same numbers, it stops at a
 * checkpoint when cancelled, and directions are reported exactly when both sides have them.
 */
class EstimatorContractTests {

    static final List<Map<String, Object>> TEACHERS = List.of(
            Map.of("kind", "hierarchical", "input", "hermite", "d", 8, "p", 3),
            Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", 40, "p", 3,
                    "secondLayer", Map.of("kind", "dense"), "link", "tanh", "noise", 0.1),
            Map.of("kind", "hierarchical", "input", "hermite", "d", 5, "q", 3, "p", 2, "link", "relu-centered"),
            Map.of("kind", "three-level", "input", "gaussian-equivalent", "d", 8, "p1", 4, "p2", 2),
            Map.of("kind", "sight", "d", 9, "p", 3));

    static final List<Map<String, Object>> ESTIMATORS = List.of(
            Map.of("kind", "hierarchical-spectral", "directions", 3),
            Map.of("kind", "hierarchical-spectral", "directions", "auto", "split", true, "precision", "float32"),
            Map.of("kind", "hierarchical-spectral", "readout", "polynomial"),
            Map.of("kind", "hierarchical-spectral", "readout", "rbf-krr"),
            Map.of("kind", "shallow-spectral"),
            Map.of("kind", "shallow-spectral", "directions", 4),
            Map.of("kind", "kernel-ridge", "kernel", Map.of("kind", "rbf"), "maxTrain", 300),
            Map.of("kind", "kernel-ridge", "kernel", Map.of("kind", "quadratic"), "ridge", "loo"),
            Map.of("kind", "kernel-ridge", "kernel", Map.of("kind", "polynomial", "degree", 3)),
            Map.of("kind", "kernel-ridge", "kernel", Map.of("kind", "arccos")),
            Map.of("kind", "random-features", "width", 64, "activation", "relu-hermite", "depth", 2),
            Map.of("kind", "random-features", "width", 600, "ridge", "loo"),
            Map.of("kind", "ridge"),
            Map.of("kind", "neural-lofi", "layers", List.of(Map.of("width", 48, "directions", 3), Map.of("width", 32))),
            Map.of("kind", "neural-lofi", "centered", false, "ridge", 1e-3, "split", true,
                    "layers", List.of(Map.of("width", 40, "directions", 2, "activation", "tanh"))),
            Map.of("kind", "neural-lofi", "limit", "kernel", "maxTrain", 150,
                    "layers", List.of(Map.of("directions", 3), Map.of())),
            Map.of("kind", "deep-nngp", "depth", 2, "maxTrain", 200));

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Map<String, Object> t : TEACHERS) {
            for (Map<String, Object> e : ESTIMATORS) {
                all.add(Arguments.of(t, e));
            }
        }
        return all.stream();
    }

    static ExperimentSpec spec(Map<String, Object> teacher, Map<String, Object> estimator) {
        return SpecParser.parse(Map.of("teacher", teacher, "estimators", List.of(estimator),
                "sweep", Map.of("n", List.of(400), "seeds", 1), "test", Map.of("n", 200)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("combinations")
    void runsDeterministicallyWithFiniteMetrics(Map<String, Object> teacher, Map<String, Object> estimator) {
        ExperimentSpec spec = spec(teacher, estimator);
        RunKey key = new RunKey(0, 400, 3);
        RunOutcome a = Engine.run(spec, key, RunControl.NONE);
        RunOutcome b = Engine.run(spec, key, RunControl.NONE);
        assertThat(a.metrics()).containsKeys("nmse", "mse");
        assertThat(a.metrics().values()).allSatisfy(v -> assertThat(v).isFinite());
        assertThat(a.metrics()).isEqualTo(b.metrics());
        boolean spectral = estimator.get("kind").equals("hierarchical-spectral")
                || (estimator.get("kind").equals("shallow-spectral") && estimator.containsKey("directions"))
                // finite neural-lofi reports its first layer's degree-2 (or linear) part, not for q = 3
                || (estimator.get("kind").equals("neural-lofi") && !"kernel".equals(estimator.get("limit"))
                        && !Integer.valueOf(3).equals(teacher.get("q")));
        boolean planted = spec.teacher().plantedDirections() > 0;
        assertThat(a.directionCos2() != null).isEqualTo(spectral && planted);
        assertThat(a.metrics().containsKey("overlapA")).isEqualTo(spectral && planted);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("combinations")
    void stopsAtACheckpointWhenCancelled(Map<String, Object> teacher, Map<String, Object> estimator) {
        ExperimentSpec spec = spec(teacher, estimator);
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
