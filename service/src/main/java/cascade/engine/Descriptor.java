package cascade.engine;

import cascade.engine.spec.Catalog;
import cascade.engine.spec.Param;
import java.util.List;

/**
 * What every kind declares, estimator or teacher: its JSON name, its spec record, a description
 * and a reference for the catalog, and its parameters, declared once ({@link Param}). Only
 * {@link EstimatorKind} and {@link TeacherKind} extend it.
 *
 * @param <S> the kind's spec record
 */
public abstract class Descriptor<S> {

    private final String kind;
    private final Class<S> specType;
    private final String description;
    private final String reference;
    private final List<Param<S, ?>> parameters;

    /**
     * @param kind        the JSON {@code kind}
     * @param specType    the spec record this kind reads into
     * @param description one paragraph for the catalog: the method or target, its formula in words
     * @param reference   where it is specified (a SCIENCE.md section, a paper)
     * @param parameters  the parameters besides {@code kind} (and an estimator's {@code name}), in
     *                    the order the catalog and the spec as run list them
     */
    Descriptor(String kind, Class<S> specType, String description, String reference, List<Param<S, ?>> parameters) {
        this.kind = kind;
        this.specType = specType;
        this.description = description;
        this.reference = reference;
        this.parameters = List.copyOf(parameters);
    }

    public final List<Param<S, ?>> parameters() {
        return parameters;
    }

    public final String kind() {
        return kind;
    }

    public final Class<S> specType() {
        return specType;
    }

    /** The catalog entry (GET /estimators, GET /teachers), {@code first} before the declared parameters. */
    final Catalog.Kind catalogEntry(List<Catalog.Parameter> first) {
        return new Catalog.Kind(kind, description, reference,
                java.util.stream.Stream.concat(first.stream(), parameters().stream().map(Param::describe)).toList());
    }

    final S cast(Object spec) {
        return specType.cast(spec);
    }
}
