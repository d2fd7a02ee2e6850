package cascade.engine;

import cascade.engine.spec.Catalog;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.Param;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.Tree;
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
 * listed there does not exist. Everything a kind must supply is a constructor argument or an
 * abstract method, so a forgotten piece does not compile; {@code KindsTests} and
 * {@code KindsDocumentationTests} check the rest (registered, names unique, every parameter written
 * back and read again, examples present, README and OpenAPI in agreement).
 *
 * @param <S> the kind's spec record, which lives in the kind's package
 */
public abstract class EstimatorKind<S extends EstimatorSpec> extends Descriptor<S> {

    /** The parameter every estimator has: its label in curves, fits and expectations. */
    public static final Catalog.Parameter NAME = new Catalog.Parameter("name", "string", false, null, null, null,
            null, "label in curves, fits and expectations; defaults to the kind");

    private final Requires requires;

    /**
     * @param kind        the JSON {@code kind}
     * @param specType    the spec record this kind reads into
     * @param requires    which teachers the kind can learn
     * @param description one paragraph for GET /estimators: the method and its formula in words
     * @param reference   where the method is specified (a SCIENCE.md section, a paper)
     * @param parameters  every parameter besides {@code kind} and {@code name}, declared once, in the
     *                    order GET /estimators and the spec as run list them
     */
    protected EstimatorKind(String kind, Class<S> specType, Requires requires, String description, String reference,
            List<Param<S, ?>> parameters) {
        super(kind, specType, description, reference, parameters);
        this.requires = requires;
    }

    /**
     * Reads this kind's fields of {@code t} (kind and name are read already) into its record, or
     * returns null when a field was bad (the error is in {@code t.errors()}). Reading is a pure
     * function of the tree and the teacher; every default comes from {@link #parameters()}.
     *
     * @param teacher the spec's teacher, for defaults that depend on it; null when it was bad
     */
    protected abstract @Nullable S read(Tree t, String name, @Nullable TeacherSpec teacher);

    /** The fields of {@code spec} that per-token size limits apply to (empty when none). */
    protected abstract List<SizeField> sizes(S spec);

    /**
     * The phases of one run and their temporaries, beyond the resident samples and teacher that
     * {@link MemoryEstimate} adds (see its Javadoc for the notation and the accounting rules).
     */
    protected abstract List<MemoryEstimate.Phase> memory(S spec, MemoryEstimate.Shape shape);

    /** The estimator for one run; {@code teacher} only tells the input format, never its weights. */
    protected abstract Estimator create(S spec, TeacherSpec teacher, long seed);

    /** The entry of GET /estimators. */
    public final Catalog.Kind catalogEntry() {
        return catalogEntry(List.of(NAME));
    }

    /** Reads {@code t} as this kind; see {@link #read}. */
    public final @Nullable EstimatorSpec parse(Tree t, String name, @Nullable TeacherSpec teacher) {
        return read(t, name, teacher);
    }

    /** The spec as run: kind, name, then every parameter that has a value. */
    public final Map<String, Object> write(EstimatorSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind());
        m.put("name", spec.name());
        return Param.writeAll(parameters(), cast(spec), m);
    }

    /** Which teachers this kind can learn. */
    public final Requires requirement() {
        return requires;
    }

    public final List<SizeField> sizeFields(EstimatorSpec spec) {
        return sizes(cast(spec));
    }

    public final List<MemoryEstimate.Phase> memoryPhases(EstimatorSpec spec, MemoryEstimate.Shape shape) {
        return memory(cast(spec), shape);
    }

    public final Estimator estimator(EstimatorSpec spec, TeacherSpec teacher, long seed) {
        return create(cast(spec), teacher, seed);
    }
}
