package cascade.engine.spec;

import cascade.engine.features.FeatureMap;
import org.jspecify.annotations.Nullable;

/**
 * SIGHT teacher (ComputationalDepth): h(x) = d_eff^-1/2 sum_j s_j sigma1(w_j . x), orthonormal w_j,
 * sigma1 = He2/2 + He3/6, y = tanh(3 h). x ~ N(0, I_d).
 */
public record SightTeacher(
        int d,
        int p,
        @Nullable Double epsilon,
        String sigma1,
        String link,
        double noise) implements TeacherSpec {

    @Override
    public String kind() {
        return "sight";
    }

    @Override
    public int inputDimension() {
        return d;
    }

    @Override
    public int plantedDirections() {
        return 0;
    }

    @Override
    public FeatureMap featureMap() {
        return FeatureMap.hermite(d, 2);
    }
}
