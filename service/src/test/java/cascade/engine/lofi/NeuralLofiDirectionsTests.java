package cascade.engine.lofi;

import static cascade.engine.KindExamples.reportsDirections;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which Neural LoFi runs report planted-direction estimates: at finite width, the first layer's
 * degree-2 (or, on gaussian-equivalent inputs, linear) part ({@link FirstLayerDirections}) on
 * teachers with planted directions in such a feature space; never for Hermite-3 teachers, without
 * planted directions, in the kernel limit, or from deep NNGP.
 */
class NeuralLofiDirectionsTests {

    static final Map<String, Object> FINITE = Map.of("kind", "neural-lofi",
            "layers", List.of(Map.of("width", 48, "directions", 3), Map.of("width", 32)));

    @Test
    void finiteWidthReportsTheFirstLayersDegreeTwoOrLinearPart() {
        assertThat(reportsDirections(Map.of("kind", "hierarchical", "input", "hermite", "d", 8, "p", 3), FINITE))
                .isTrue();
        assertThat(reportsDirections(Map.of("kind", "three-level", "input", "gaussian-equivalent", "d", 8, "p1", 4,
                "p2", 2), FINITE)).isTrue();
        assertThat(reportsDirections(Map.of("kind", "hierarchical", "input", "hermite", "d", 5, "q", 3, "p", 2),
                FINITE)).isFalse();
        assertThat(reportsDirections(Map.of("kind", "sight", "d", 9, "p", 3), FINITE)).isFalse();
    }

    @Test
    void kernelFormsReportNoDirections() {
        Map<String, Object> teacher = Map.of("kind", "hierarchical", "input", "hermite", "d", 8, "p", 3);
        assertThat(reportsDirections(teacher, Map.of("kind", "neural-lofi", "limit", "kernel", "maxTrain", 150,
                "layers", List.of(Map.of("directions", 3), Map.of())))).isFalse();
        assertThat(reportsDirections(teacher, Map.of("kind", "deep-nngp", "maxTrain", 200))).isFalse();
    }
}
