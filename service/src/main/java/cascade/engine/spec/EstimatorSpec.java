package cascade.engine.spec;

/**
 * One estimator of an experiment (SCIENCE.md section 4). One record per kind, every default
 * filled in by {@link SpecParser}. Adding a kind: a record here, its case in the parser and
 * writer, and its case in {@code cascade.engine.Estimators} (the switch stops compiling until then).
 */
public sealed interface EstimatorSpec permits
        HierarchicalSpectralSpec, ShallowSpectralSpec, KernelRidgeSpec, RandomFeaturesSpec, RidgeSpec,
        NeuralLofiSpec, DeepNngpSpec {

    /** Label in curves, fits and expectations; defaults to the kind. */
    String name();

    /** The JSON {@code kind}. */
    String kind();
}
