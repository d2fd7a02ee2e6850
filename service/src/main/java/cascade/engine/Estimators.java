package cascade.engine;

import cascade.engine.features.FeatureMap;
import cascade.engine.kernel.KernelRidge;
import cascade.engine.kernel.LinearRidge;
import cascade.engine.kernel.RandomFeatures;
import cascade.engine.lofi.DeepNngp;
import cascade.engine.lofi.FiniteLofi;
import cascade.engine.lofi.KernelLofi;
import cascade.engine.spec.DeepNngpSpec;
import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.HierarchicalSpectralSpec;
import cascade.engine.spec.HierarchicalTeacher;
import cascade.engine.spec.InputMode;
import cascade.engine.spec.KernelRidgeSpec;
import cascade.engine.spec.NeuralLofiSpec;
import cascade.engine.spec.RandomFeaturesSpec;
import cascade.engine.spec.RidgeSpec;
import cascade.engine.spec.ShallowSpectralSpec;
import cascade.engine.spec.SightTeacher;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.ThreeLevelTeacher;
import cascade.engine.spectral.HierarchicalSpectral;
import cascade.engine.spectral.ShallowSpectral;

/**
 * Front door from an estimator spec to the estimator. The teacher spec is consulted only for the
 * format of the inputs (Hermite order, input mode) and the depth of the fitting model; estimators
 * never see a teacher's weights. Adding a kind: its record, then one case here (the switch over
 * the sealed spec stops compiling until then).
 */
public final class Estimators {

    private Estimators() {
    }

    public static Estimator create(EstimatorSpec spec, TeacherSpec teacher, long seed) {
        return switch (spec) {
            case HierarchicalSpectralSpec h -> new HierarchicalSpectral(h, featureMap(teacher), latentWidth(teacher), seed);
            case ShallowSpectralSpec s -> new ShallowSpectral(s, featureMap(teacher), seed);
            case KernelRidgeSpec k -> new KernelRidge(k);
            case RandomFeaturesSpec r -> new RandomFeatures(r, seed);
            case RidgeSpec r -> new LinearRidge(r);
            case NeuralLofiSpec l -> l.kernelLimit() ? new KernelLofi(l)
                    : new FiniteLofi(l, seed, teacher instanceof DatasetTeacher ? null : featureMap(teacher));
            case DeepNngpSpec g -> new DeepNngp(g);
        };
    }

    /** The Hermite feature map of the fitting model's first layer for this input format. */
    static FeatureMap featureMap(TeacherSpec teacher) {
        return switch (teacher) {
            case HierarchicalTeacher h -> h.input() == InputMode.HERMITE ? FeatureMap.hermite(h.d(), h.q())
                    : FeatureMap.identity(h.features());
            case ThreeLevelTeacher t -> t.input() == InputMode.HERMITE ? FeatureMap.hermite(t.d(), 2)
                    : FeatureMap.identity(t.features());
            case SightTeacher s -> FeatureMap.hermite(s.d(), 2);
            case DatasetTeacher d -> throw new IllegalArgumentException(
                    "spectral estimators need Hermite inputs; the spec parser refuses them on datasets");
        };
    }

    /** Three-level fitting models get a latent spectral layer of width p2. */
    static int latentWidth(TeacherSpec teacher) {
        return teacher instanceof ThreeLevelTeacher t ? t.p2() : 0;
    }
}
