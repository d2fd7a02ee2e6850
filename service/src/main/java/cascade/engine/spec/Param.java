package cascade.engine.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One field of a teacher or estimator kind, declared once: its JSON name, type, default, limits,
 * allowed values and description ({@link #describe()}, what GET /estimators and GET /teachers
 * list), how a spec tree is read into the value ({@link #read(Tree)}), and how the spec as run
 * writes the value back ({@link #write(Object)}). Because all three come from the same
 * declaration, the documented default is the one the parser fills in and the writer echoes.
 *
 * @param <S> the spec record the field belongs to
 * @param <T> the field's value in that record
 */
public final class Param<S, T extends @Nullable Object> {

    /** Reads the value under {@code key} of {@code t}, or {@code fallback} when absent or bad. */
    @FunctionalInterface
    public interface Reader<T extends @Nullable Object> {
        T read(Tree t, String key, T fallback);
    }

    private final Catalog.Parameter description;
    private final Reader<T> reader;
    private final T fallback;
    private final Function<? super S, ? extends @Nullable Object> writer;

    private Param(Catalog.Parameter description, Reader<T> reader, T fallback,
            Function<? super S, ? extends @Nullable Object> writer) {
        this.description = description;
        this.reader = reader;
        this.fallback = fallback;
        this.writer = writer;
    }

    /**
     * A field of any shape: {@code shown} is the default GET /estimators lists (null: none),
     * {@code fallback} the value the parser fills in, {@code writer} the JSON value the spec as run
     * holds (null: the field is left out).
     */
    public static <S, T extends @Nullable Object> Param<S, T> of(Catalog.Parameter description, Reader<T> reader,
            T fallback, Function<? super S, ? extends @Nullable Object> writer) {
        return new Param<>(description, reader, fallback, writer);
    }

    /** An integer in [min, max] with a default. */
    public static <S> Param<S, Integer> integer(String name, int fallback, long min, long max,
            Function<? super S, Integer> getter, String description) {
        return new Param<>(new Catalog.Parameter(name, "integer", false, fallback, (double) min, (double) max, null,
                description), (t, key, f) -> t.integer(key, f, min, max), fallback, getter);
    }

    /** An integer in [min, max] that may be absent (null); {@code getter} null leaves it out of the spec as run. */
    public static <S> Param<S, @Nullable Integer> optionalInteger(String name, long min, long max, boolean required,
            Function<? super S, @Nullable Integer> getter, String description) {
        return new Param<>(new Catalog.Parameter(name, "integer", required, null, (double) min, (double) max, null,
                description), (t, key, f) -> t.optionalInteger(key, min, max), null, getter);
    }

    /** A finite number in [min, max] with a default. */
    public static <S> Param<S, Double> number(String name, double fallback, double min, double max,
            Function<? super S, Double> getter, String description) {
        return new Param<>(new Catalog.Parameter(name, "number", false, fallback, min, max, null, description),
                (t, key, f) -> t.number(key, f, min, max), fallback, getter);
    }

    /**
     * A number in [min, max] that may be absent (null), in which case the kind derives the value
     * from others as if it were {@code shown} (e.g. p = round(d^epsilon) with epsilon 0.5).
     */
    public static <S> Param<S, @Nullable Double> optionalNumber(String name, double shown, double min, double max,
            Function<? super S, @Nullable Double> getter, String description) {
        return new Param<>(new Catalog.Parameter(name, "number", false, shown, min, max, null, description),
                (t, key, f) -> t.optionalNumber(key, min, max), null, getter);
    }

    public static <S> Param<S, Boolean> bool(String name, boolean fallback, Function<? super S, Boolean> getter,
            String description) {
        return new Param<>(new Catalog.Parameter(name, "boolean", false, fallback, null, null, null, description),
                (t, key, f) -> t.bool(key, f), fallback, getter);
    }

    /** A string from a closed list. */
    public static <S> Param<S, String> choice(String name, String fallback, List<String> allowed,
            Function<? super S, String> getter, String description) {
        return new Param<>(new Catalog.Parameter(name, "string", false, fallback, null, null, allowed, description),
                (t, key, f) -> t.choice(key, f, allowed), fallback, getter);
    }

    /** A string from a closed list that reads as an enum constant; {@code json} names each constant. */
    public static <S, E extends Enum<E>> Param<S, E> choice(String name, E fallback, Function<E, String> json,
            Function<? super S, E> getter, String description) {
        Map<String, E> values = new LinkedHashMap<>();
        for (E e : fallback.getDeclaringClass().getEnumConstants()) {
            values.put(json.apply(e), e);
        }
        return new Param<>(new Catalog.Parameter(name, "string", false, json.apply(fallback), null, null,
                List.copyOf(values.keySet()), description), (t, key, f) -> t.choice(key, f, values), fallback,
                s -> json.apply(getter.apply(s)));
    }

    /** The ridge penalty: a number in [0, 1e12] (lambda n) or "loo" (exact leave-one-out). */
    public static <S> Param<S, RidgeChoice> ridge(RidgeChoice fallback, Function<? super S, RidgeChoice> getter) {
        Object shown = fallback.isLeaveOneOut() ? "loo" : fallback.fixed();
        return new Param<>(new Catalog.Parameter("ridge", "number|loo", false, shown, 0.0, 1e12, List.of("loo"),
                "ridge penalty, or \"loo\" for exact leave-one-out over 1e-6..1e6"), Param::readRidge, fallback,
                s -> getter.apply(s).isLeaveOneOut() ? "loo" : getter.apply(s).fixed());
    }

    private static RidgeChoice readRidge(Tree t, String key, RidgeChoice fallback) {
        Object raw = t.raw(key);
        if (raw == null) {
            return fallback;
        }
        if ("loo".equals(raw)) {
            return RidgeChoice.loo();
        }
        if (raw instanceof String) {
            t.error(key, "must be a non-negative number or \"loo\"");
            return fallback;
        }
        return RidgeChoice.of(t.checkNumber(key, raw, 1e-3, 0.0, 1e12));
    }

    /**
     * The same field marked required in the catalog, with no default shown. The kind's reader
     * reports the missing field itself, with a message that says what to give.
     */
    public Param<S, T> required() {
        Catalog.Parameter d = description;
        return new Param<>(new Catalog.Parameter(d.name(), d.type(), true, null, d.minimum(), d.maximum(), d.allowed(),
                d.description()), reader, fallback, writer);
    }

    public String name() {
        return description.name();
    }

    /** The value of this field in {@code t}, the declared default when absent. */
    public T read(Tree t) {
        return reader.read(t, name(), fallback);
    }

    /** The value of this field in {@code t}, {@code contextDefault} when absent (a teacher-dependent default). */
    public T read(Tree t, T contextDefault) {
        return reader.read(t, name(), contextDefault);
    }

    /** The JSON value of this field in the spec as run, or null to leave it out. */
    public @Nullable Object write(S spec) {
        return writer.apply(spec);
    }

    /** Puts every parameter of {@code spec} that has a value into {@code tree}, in the order given. */
    public static <S> Map<String, Object> writeAll(List<Param<S, ?>> params, S spec, Map<String, Object> tree) {
        for (Param<S, ?> p : params) {
            Object value = p.write(spec);
            if (value != null) {
                tree.put(p.name(), value);
            }
        }
        return tree;
    }

    /** The catalog entry: name, type, required, default, limits, allowed values, description. */
    public Catalog.Parameter describe() {
        return description;
    }
}
