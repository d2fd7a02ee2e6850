package cascade.engine.spec;

import cascade.engine.features.FeatureMap;
import org.jspecify.annotations.Nullable;

/**
 * Two-level hierarchical teacher (P1, P3). {@code features} is D, always resolved: d(d+1)/2 for
 * q = 2 (or C(d+2,3) for q = 3) when d is given. {@code d} is null only for a gaussian-equivalent
 * teacher given by D directly. {@code p} is resolved from epsilon when epsilon was given.
 */
public record HierarchicalTeacher(
        InputMode input,
        @Nullable Integer d,
        int features,
        int p,
        @Nullable Double epsilon,
        int q,
        SecondLayer secondLayer,
        Link link,
        double noise) implements TeacherSpec {

    @Override
    public String kind() {
        return "hierarchical";
    }

    @Override
    public int inputDimension() {
        return input == InputMode.HERMITE ? d : features;
    }

    @Override
    public int plantedDirections() {
        return p;
    }

    @Override
    public FeatureMap featureMap() {
        return input == InputMode.HERMITE ? FeatureMap.hermite(d, q) : FeatureMap.identity(features);
    }
}
