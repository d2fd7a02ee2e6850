package cascade.engine.spec;

import cascade.engine.features.FeatureMap;
import org.jspecify.annotations.Nullable;

/**
 * Three-level teacher (P3): h1 = p1 Hermite-2 forms of x, h2 = p2 Hermite-2 forms of h1,
 * y = h2^T B h2 - tr B with dense B, standardised.
 */
public record ThreeLevelTeacher(
        InputMode input,
        int d,
        int features,
        int p1,
        @Nullable Double epsilon1,
        int p2,
        @Nullable Double epsilon2,
        double noise) implements TeacherSpec {

    @Override
    public String kind() {
        return "three-level";
    }

    @Override
    public int inputDimension() {
        return input == InputMode.HERMITE ? d : features;
    }

    @Override
    public int plantedDirections() {
        return p1;
    }

    @Override
    public FeatureMap featureMap() {
        return input == InputMode.HERMITE ? FeatureMap.hermite(d, 2) : FeatureMap.identity(features);
    }
}
