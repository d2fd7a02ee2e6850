package cascade.engine.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON object of a plain-Java tree (Map / List / Number / String / Boolean / null, as
 * any JSON library produces) while collecting errors by path instead of stopping at the first.
 * {@link #finish()} reports every key that no reader asked for as unknown. Kinds read their
 * fields through it ({@link Param#read(Tree)}); reading never throws for bad input.
 */
public final class Tree {

    private final Map<String, Object> map;
    private final String path;
    private final List<FieldError> errors;
    private final Set<String> seen = new LinkedHashSet<>();

    private Tree(Map<String, Object> map, String path, List<FieldError> errors) {
        this.map = map;
        this.path = path;
        this.errors = errors;
    }

    @SuppressWarnings("unchecked")
    public static @Nullable Tree of(@Nullable Object node, String path, List<FieldError> errors) {
        if (node instanceof Map<?, ?> m) {
            return new Tree((Map<String, Object>) m, path, errors);
        }
        errors.add(new FieldError(path.isEmpty() ? "$" : path, "must be an object"));
        return null;
    }

    /**
     * The path of a key below this object. A key that is blank or holds '.', '[', ']', '"', '\\'
     * or a control character is written as a quoted index, {@code ["a.b"]}, so every path reads
     * back unambiguously and no field name is blank.
     */
    public String path(String key) {
        if (key.isBlank() || key.chars().anyMatch(c -> c < 0x20 || ".[]\"\\".indexOf(c) >= 0)) {
            return path + "[" + quote(key) + "]";
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String quote(String key) {
        StringBuilder sb = new StringBuilder("\"");
        key.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append((char) c);
            }
        });
        return sb.append('"').toString();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public void error(String key, String message) {
        errors.add(new FieldError(path(key), message));
    }

    public boolean has(String key) {
        seen.add(key);
        return map.containsKey(key) && map.get(key) != null;
    }

    public @Nullable Object raw(String key) {
        seen.add(key);
        return map.get(key);
    }

    public @Nullable Tree object(String key) {
        return has(key) ? Tree.of(map.get(key), path(key), errors) : null;
    }

    public String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        if (map.get(key) instanceof String s) {
            return s;
        }
        error(key, "must be a string");
        return fallback;
    }

    /** A string from a closed set; the message lists the allowed values. */
    public <T> T choice(String key, T fallback, Map<String, T> allowed) {
        if (!has(key)) {
            return fallback;
        }
        if (map.get(key) instanceof String s && allowed.containsKey(s)) {
            return allowed.get(s);
        }
        error(key, "must be one of " + String.join(", ", allowed.keySet()));
        return fallback;
    }

    /** A string from a closed list; the message lists the allowed values. */
    public String choice(String key, String fallback, List<String> allowed) {
        if (!has(key)) {
            return fallback;
        }
        if (map.get(key) instanceof String s && allowed.contains(s)) {
            return s;
        }
        error(key, "must be one of " + String.join(", ", allowed));
        return fallback;
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        if (map.get(key) instanceof Boolean b) {
            return b;
        }
        error(key, "must be true or false");
        return fallback;
    }

    /** A finite number in [min, max]. */
    public double number(String key, double fallback, double min, double max) {
        if (!has(key)) {
            return fallback;
        }
        return checkNumber(key, map.get(key), fallback, min, max);
    }

    public @Nullable Double optionalNumber(String key, double min, double max) {
        if (!has(key)) {
            return null;
        }
        double v = checkNumber(key, map.get(key), Double.NaN, min, max);
        return Double.isNaN(v) ? null : v;
    }

    public double checkNumber(String key, @Nullable Object value, double fallback, double min, double max) {
        if (!(value instanceof Number n)) {
            error(key, "must be a number");
            return fallback;
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            error(key, "must be a finite number");
            return fallback;
        }
        if (v < min || v > max) {
            error(key, "must be between " + format(min) + " and " + format(max) + ", was " + format(v));
            return fallback;
        }
        return v;
    }

    /** An integer in [min, max]; 1e3-style integral doubles are accepted. */
    public int integer(String key, int fallback, long min, long max) {
        if (!has(key)) {
            return fallback;
        }
        Long v = checkInteger(key, map.get(key), min, max);
        return v == null ? fallback : v.intValue();
    }

    public @Nullable Integer optionalInteger(String key, long min, long max) {
        if (!has(key)) {
            return null;
        }
        Long v = checkInteger(key, map.get(key), min, max);
        return v == null ? null : v.intValue();
    }

    public @Nullable Long checkInteger(String key, @Nullable Object value, long min, long max) {
        Long v = asLong(value);
        if (v == null) {
            error(key, "must be an integer");
            return null;
        }
        if (v < min || v > max) {
            error(key, "must be between " + min + " and " + max + ", was " + v);
            return null;
        }
        return v;
    }

    public static @Nullable Long asLong(@Nullable Object value) {
        return switch (value) {
            case Integer i -> (long) i;
            case Long l -> l;
            case Short s -> (long) s;
            case BigInteger b when b.bitLength() < 63 -> b.longValue();
            case BigDecimal b when b.stripTrailingZeros().scale() <= 0 && b.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0 -> b.longValue();
            case Double d when Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9e15 -> d.longValue();
            case Float f when Float.isFinite(f) && f == Math.rint(f) && Math.abs(f) < 1e7 -> (long) (float) f;
            case null, default -> null;
        };
    }

    /**
     * A list of at most {@code max} items read by {@code item}; null entries (bad items) are
     * dropped. A longer list is one error on the key and none of its items is read, so the work
     * and the errors a body can cause stay bounded by its length limit, not by what it lists.
     */
    public <T> List<T> list(String key, int max, Function<Item, @Nullable T> item) {
        List<T> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        if (!(map.get(key) instanceof List<?> list)) {
            error(key, "must be a list");
            return out;
        }
        if (list.size() > max) {
            error(key, "must list at most " + max + " items, got " + list.size());
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            T t = item.apply(new Item(list.get(i), path(key) + "[" + i + "]", errors));
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Reports every key present in the object that no reader asked for. */
    public void finish() {
        for (String key : map.keySet()) {
            if (!seen.contains(key)) {
                error(key, "unknown field");
            }
        }
    }

    public static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** One element of a JSON list, with its path. */
    public record Item(@Nullable Object value, String path, List<FieldError> errors) {
        public void error(String message) {
            errors.add(new FieldError(path, message));
        }

        public @Nullable Tree object() {
            return Tree.of(value, path, errors);
        }
    }
}
