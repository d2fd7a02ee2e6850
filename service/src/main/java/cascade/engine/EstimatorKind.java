package cascade.engine;

import cascade.engine.spec.Catalog;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.Param;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.Tree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the service knows about one estimator kind, in one place: its JSON name, description
 * and reference; its parameters, declared once ({@link #parameters()}: parsing, the catalog entry
 * and the spec as run all come from them); reading a spec into its record; which teachers it runs
 * on; which of its fields per-token limits apply to; its memory need; and the factory of its
 * {@link Estimator}. {@link Kinds#ESTIMATORS} lists every kind this build runs; a kind that is not
 * listed there does not exist. Every method a kind must supply is abstract, so a forgotten piece
 * does not compile; {@code KindsTests} checks the rest (names unique, every parameter written back
 * and read again, catalog, README and OpenAPI in agreement).
 *
 * @param <S> the kind's spec record, which lives in the kind's package
 */
public abstract class EstimatorKind<S extends EstimatorSpec> {

    /** The parameter every estimator has: its label in curves, fits and expectations. */
    public static final Catalog.Parameter NAME = new Catalog.Parameter("name", "string", false, null, null, null,
            null, "label in curves, fits and expectations; defaults to the kind");

    private final String kind;
    private final Class<S> specType;
    private final String description;
    private final String reference;

    /**
     * @param kind        the JSON {@code kind}
     * @param specType    the spec record this kind reads into
     * @param description one paragraph for GET /estimators: the method and its formula in words
     * @param reference   where the method is specified (a SCIENCE.md section, a paper)
     */
    protected EstimatorKind(String kind, Class<S> specType, String description, String reference) {
        this.kind = kind;
        this.specType = specType;
        this.description = description;
        this.reference = reference;
    }

    /** The parameters besides {@code kind} and {@code name}, in the order the catalog and the spec as run list them. */
    protected abstract List<Param<S, ?>> parameters();

    /**
     * Reads this kind's fields of {@code t} (kind and name are read already) into its record, or
     * returns null when a field was bad (the error is in {@code t.errors()}). Reading is a pure
     * function of the tree and the teacher; every default comes from {@link #parameters()}.
     *
     * @param teacher the spec's teacher, for defaults that depend on it; null when it was bad
     */
    protected abstract @Nullable S read(Tree t, String name, @Nullable TeacherSpec teacher);

    /** Which teachers this kind can learn. */
    protected abstract Requires requires();

    /** The fields of {@code spec} that per-token size limits apply to (empty when none). */
    protected abstract List<SizeField> sizes(S spec);

    /**
     * The phases of one run and their temporaries, beyond the resident samples and teacher that
     * {@link MemoryEstimate} adds (see its Javadoc for the notation and the accounting rules).
     */
    protected abstract List<MemoryEstimate.Phase> memory(S spec, MemoryEstimate.Shape shape);

    /** The estimator for one run; {@code teacher} only tells the input format, never its weights. */
    protected abstract Estimator create(S spec, TeacherSpec teacher, long seed);

    public final String kind() {
        return kind;
    }

    public final Class<S> specType() {
        return specType;
    }

    /** The entry of GET /estimators. */
    public final Catalog.Kind catalogEntry() {
        List<Catalog.Parameter> params = new ArrayList<>();
        params.add(NAME);
        parameters().forEach(p -> params.add(p.describe()));
        return new Catalog.Kind(kind, description, reference, params);
    }

    /** Reads {@code t} as this kind; see {@link #read}. */
    public final @Nullable EstimatorSpec parse(Tree t, String name, @Nullable TeacherSpec teacher) {
        return read(t, name, teacher);
    }

    /** The spec as run: kind, name, then every parameter that has a value. */
    public final Map<String, Object> write(EstimatorSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("name", spec.name());
        return Param.writeAll(parameters(), specType.cast(spec), m);
    }

    public final Requires requirement() {
        return requires();
    }

    public final List<SizeField> sizeFields(EstimatorSpec spec) {
        return sizes(specType.cast(spec));
    }

    public final List<MemoryEstimate.Phase> memoryPhases(EstimatorSpec spec, MemoryEstimate.Shape shape) {
        return memory(specType.cast(spec), shape);
    }

    public final Estimator estimator(EstimatorSpec spec, TeacherSpec teacher, long seed) {
        return create(specType.cast(spec), teacher, seed);
    }
}
