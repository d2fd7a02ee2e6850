package cascade.engine;

import cascade.engine.dataset.DatasetSource;
import cascade.engine.spec.Catalog;
import cascade.engine.spec.Param;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.Tree;
import cascade.engine.teacher.Teacher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the service knows about one teacher kind: its JSON name, description and reference,
 * its parameters declared once (parsing, GET /teachers and the spec as run come from them),
 * reading a spec into its record, and the factory of its {@link Teacher}. {@link Kinds#TEACHERS}
 * lists every kind; the teacher records stay under the sealed {@link TeacherSpec}, so every switch
 * over teachers is still checked by the compiler.
 *
 * @param <T> the kind's spec record
 */
public abstract class TeacherKind<T extends TeacherSpec> extends Descriptor<T> {

    private final boolean synthetic;

    /**
     * @param synthetic whether the inputs are drawn from Hermite (or Gaussian-equivalent) streams,
     *                  as the spectral estimators need; false for data
     * @param parameters every parameter besides {@code kind}, declared once, in the order GET /teachers
     *                  and the spec as run list them
     */
    protected TeacherKind(String kind, Class<T> specType, boolean synthetic, String description, String reference,
            List<Param<T, ?>> parameters) {
        super(kind, specType, description, reference, parameters);
        this.synthetic = synthetic;
    }

    /** Reads this kind's fields of {@code t} into its record, or null when a field was bad. */
    protected abstract @Nullable T read(Tree t);

    /** The teacher of (spec, seed); a dataset teacher loads its rows from {@code datasets}. */
    protected abstract Teacher create(T spec, long seed, DatasetSource datasets);

    /** The entry of GET /teachers. */
    public final Catalog.Kind catalogEntry() {
        return catalogEntry(List.of());
    }

    public final @Nullable TeacherSpec parse(Tree t) {
        return read(t);
    }

    /** The spec as run: kind, then every parameter that has a value. */
    public final Map<String, Object> write(TeacherSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind());
        return Param.writeAll(parameters(), cast(spec), m);
    }

    public final boolean isSynthetic() {
        return synthetic;
    }

    public final Teacher teacher(TeacherSpec spec, long seed, DatasetSource datasets) {
        return create(cast(spec), seed, datasets);
    }
}
