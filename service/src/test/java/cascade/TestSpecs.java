package cascade;

import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import java.util.List;
import java.util.Map;

/** Small specs for service tests. */
public final class TestSpecs {

    private TestSpecs() {
    }

    /** A tiny but real spec: gaussian-equivalent teacher, spectral + ridge, runs in milliseconds. */
    public static Map<String, Object> tinyTree(String name, int points, int seeds) {
        return Map.of(
                "name", name,
                "tags", List.of("test"),
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "d", 8, "p", 3),
                "estimators", List.of(Map.of("kind", "hierarchical-spectral", "name", "spectral"),
                        Map.of("kind", "ridge")),
                "sweep", Map.of("n", Map.of("from", 200, "to", 1600, "points", points), "seeds", seeds),
                "test", Map.of("n", 500));
    }

    public static ExperimentSpec tiny(String name, int points, int seeds) {
        return SpecParser.parse(tinyTree(name, points, seeds));
    }
}
