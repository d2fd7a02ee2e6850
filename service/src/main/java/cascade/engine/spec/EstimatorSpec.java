package cascade.engine.spec;

/**
 * One estimator of an experiment (SCIENCE.md section 4): one record per kind, every default
 * filled in, each in its kind's package next to its descriptor ({@code cascade.engine.EstimatorKind}).
 * Not sealed: on the class path a sealed interface may only permit classes of its own package, and
 * each estimator lives in its own. The closed set is the registry, {@code cascade.engine.Kinds}:
 * a record whose kind is not registered is never parsed, written or run.
 */
public interface EstimatorSpec {

    /** Label in curves, fits and expectations; defaults to the kind. */
    String name();

    /** The JSON {@code kind}. */
    String kind();
}
