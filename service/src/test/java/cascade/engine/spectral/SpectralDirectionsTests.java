package cascade.engine.spectral;

import static cascade.engine.KindExamples.reportsDirections;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which spectral runs report planted-direction estimates: the layer-wise estimator on every
 * teacher with planted directions (whatever the Hermite order or input mode), the shallow one only
 * when it truncates to k directions (its full operator has no directions to compare), neither
 * without planted directions.
 */
class SpectralDirectionsTests {

    static final List<Map<String, Object>> PLANTED = List.of(
            Map.of("kind", "hierarchical", "input", "hermite", "d", 8, "p", 3),
            Map.of("kind", "hierarchical", "input", "hermite", "d", 5, "q", 3, "p", 2),
            Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", 40, "p", 3),
            Map.of("kind", "three-level", "input", "gaussian-equivalent", "d", 8, "p1", 4, "p2", 2));
    static final Map<String, Object> SIGHT = Map.of("kind", "sight", "d", 9, "p", 3);

    @Test
    void layerWiseEstimatorReportsDirectionsOfEveryPlantedTeacher() {
        for (Map<String, Object> teacher : PLANTED) {
            assertThat(reportsDirections(teacher, Map.of("kind", "hierarchical-spectral"))).as("%s", teacher).isTrue();
        }
        assertThat(reportsDirections(SIGHT, Map.of("kind", "hierarchical-spectral"))).isFalse();
    }

    @Test
    void shallowEstimatorReportsDirectionsOnlyWhenItTruncates() {
        for (Map<String, Object> teacher : PLANTED) {
            assertThat(reportsDirections(teacher, Map.of("kind", "shallow-spectral", "directions", 4)))
                    .as("%s", teacher).isTrue();
            assertThat(reportsDirections(teacher, Map.of("kind", "shallow-spectral"))).as("%s", teacher).isFalse();
        }
        assertThat(reportsDirections(SIGHT, Map.of("kind", "shallow-spectral", "directions", 4))).isFalse();
    }
}
