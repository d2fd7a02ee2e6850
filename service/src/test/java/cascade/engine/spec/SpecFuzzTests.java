package cascade.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cascade.engine.KindExamples;
import cascade.engine.kernel.KernelRidgeKind;
import cascade.engine.kernel.RandomFeaturesKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based fuzzing of spec validation, one seeded case per parameter (the seed in the test
 * name reproduces a failure): random JSON trees and mutations of valid specs (wrong types,
 * unknown fields, huge and negative numbers, NaN and infinities, deep nesting, long strings) never
 * make the parser throw anything but {@link InvalidSpecException}, whose errors all name a field;
 * a mutation is reported at the field it touched (or its parent or child); random valid specs
 * (with every registered estimator kind, through its examples) parse, and round-trip through
 * {@link SpecWriter} to an equal spec.
 *
 * <p>Plain JUnit Jupiter with seeded {@link SplittableRandom} generators rather than jqwik: the
 * jqwik 1.10 engine prints a notice that AI agents must not use it, and this class was written by
 * one. The generators below are plain suppliers and port to jqwik Arbitraries directly.
 */
class SpecFuzzTests {

    static final int CASES = 400;
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A field path as FieldError writes it: $, or dotted keys with [i] indices and ["odd key"] segments. */
    static final String KEY = "[^.\\[\\]\"\\\\]*[^.\\[\\]\"\\\\\\s][^.\\[\\]\"\\\\]*";
    static final String INDEX = "(\\[\\d+]|\\[\"([^\"\\\\]|\\\\.)*\"])";
    static final String PATH = "\\$|(" + KEY + "|" + INDEX + ")" + INDEX + "*(\\." + KEY + INDEX + "*)*";
    static final List<String> KEYS = List.of("name", "tags", "teacher", "estimators", "sweep", "test", "fit",
            "expect", "kind", "input", "d", "features", "p", "epsilon", "q", "secondLayer", "gamma", "link", "noise",
            "n", "from", "to", "points", "seeds", "alpha", "step", "directions", "ridge", "kernel", "degree", "width",
            "estimator", "quantity", "value", "tolerance", "relativeTolerance", "against", "direction", "x", "");

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    // ---------------------------------------------------------------- properties

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomTreesFailOnlyWithFieldNamedErrors(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Object tree = random.nextInt(4) == 0 ? randomValue(random, 0) : randomObject(random, 0);
        assertParsesOrNamesFields(tree, seed, null);
        // The same tree as JSON text read back the way the API and run read it.
        String text = JSON.writeValueAsString(tree);
        assertParsesOrNamesFields(JSON.readValue(text, Object.class), seed, null);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mutatedValidSpecsFailAtTheMutatedField(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Object> tree = random.nextBoolean() ? validSpec(random) : example(random);
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(tree, new ArrayList<>(), paths);
        List<Object> path = paths.get(random.nextInt(paths.size()));
        Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
        String expected = m.apply(tree, path, random);
        assertParsesOrNamesFields(tree, seed, m.mayStayValid() ? null : expected);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void validSpecsRoundTripThroughTheWriter(long seed) {
        Map<String, Object> tree = validSpec(new SplittableRandom(seed));
        ExperimentSpec spec;
        try {
            spec = SpecParser.parse(tree);
        } catch (InvalidSpecException e) {
            throw new AssertionError("seed " + seed + ": a valid spec was refused: " + e.getMessage() + "\n" + tree, e);
        }
        Map<String, Object> written = SpecWriter.toTree(spec);
        assertThat(SpecParser.parse(written)).as("seed %d", seed).isEqualTo(spec);
        assertThat(SpecWriter.toTree(SpecParser.parse(written))).as("seed %d", seed).isEqualTo(written);
        Object viaJson = JSON.readValue(JSON.writeValueAsString(written), Object.class);
        assertThat(SpecParser.parse(viaJson)).as("seed %d via JSON", seed).isEqualTo(spec);
    }

    /**
     * Parsing either succeeds or throws InvalidSpecException whose errors are non-empty, each with a
     * well-formed field path and a message; with {@code mutated}, one error names that path, an
     * ancestor or a descendant of it.
     */
    static void assertParsesOrNamesFields(Object tree, long seed, String mutated) {
        try {
            SpecParser.parse(tree);
            if (mutated != null) {
                fail("seed " + seed + ": mutation at " + mutated + " was accepted: " + abbreviate(tree));
            }
        } catch (InvalidSpecException e) {
            assertThat(e.errors()).as("seed %d", seed).isNotEmpty();
            e.errors().forEach(fe -> {
                assertThat(fe.field()).as("seed %d: %s", seed, fe).isNotBlank().matches(PATH);
                assertThat(fe.message()).as("seed %d: %s", seed, fe).isNotBlank();
            });
            if (mutated != null) {
                assertThat(e.errors()).as("seed %d: an error at or around %s", seed, mutated)
                        .anyMatch(fe -> related(fe.field(), mutated));
            }
        } catch (Throwable t) {
            throw new AssertionError("seed " + seed + ": parser threw " + t + " for " + abbreviate(tree), t);
        }
    }

    static boolean related(String field, String mutated) {
        return field.equals(mutated) || mutated.startsWith(field + ".") || mutated.startsWith(field + "[")
                || field.startsWith(mutated + ".") || field.startsWith(mutated + "[")
                || (field.equals("$") && mutated.isEmpty());
    }

    static String abbreviate(Object tree) {
        String s = String.valueOf(tree);
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }

    // ---------------------------------------------------------------- mutations

    /** What a mutation does to the node at a path; returns the field path the parser should blame. */
    enum Mutation {
        WRONG_TYPE, UNKNOWN_FIELD, HUGE_NUMBER, NEGATIVE_NUMBER, NON_FINITE, DEEP_NESTING, LONG_STRING, NULL;

        /** Mutations after which the spec may still be valid (null is "absent"; a number may fit). */
        boolean mayStayValid() {
            return this == NULL || this == NEGATIVE_NUMBER || this == HUGE_NUMBER || this == WRONG_TYPE;
        }

        String apply(Map<String, Object> root, List<Object> path, SplittableRandom random) {
            if (this == UNKNOWN_FIELD) {
                Object node = get(root, path);
                List<Object> at = new ArrayList<>(path);
                if (!(node instanceof Map<?, ?>)) {
                    at.remove(at.size() - 1);
                }
                while (!(get(root, at) instanceof Map<?, ?>)) {
                    at.remove(at.size() - 1);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) get(root, at);
                String key = "unknown" + random.nextInt(1000);
                object.put(key, randomValue(random, 3));
                at.add(key);
                return fieldPath(at);
            }
            Object replacement = switch (this) {
                case WRONG_TYPE -> wrongType(get(root, path), random);
                case HUGE_NUMBER -> pick(random, 1e308, -1e308, Long.MAX_VALUE, Long.MIN_VALUE,
                        new BigInteger("1" + "0".repeat(40)), new BigDecimal("1e400"), 4.9e-324, Integer.MAX_VALUE + 1L);
                case NEGATIVE_NUMBER -> pick(random, -1, -1.5, -1000000, -0.0001);
                case NON_FINITE -> pick(random, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
                case DEEP_NESTING -> nested(random, 500);
                case LONG_STRING -> "y".repeat(100_000);
                case NULL -> null;
                case UNKNOWN_FIELD -> throw new IllegalStateException();
            };
            set(root, path, replacement);
            return fieldPath(path);
        }

        private static Object wrongType(Object current, SplittableRandom random) {
            List<Object> options = new ArrayList<>(List.of("text", true, 7, 2.5, List.of(1, "a"), Map.of("k", 1)));
            options.removeIf(o -> sameType(o, current));
            return options.get(random.nextInt(options.size()));
        }

        private static boolean sameType(Object a, Object b) {
            return (a instanceof Number && b instanceof Number) || (a instanceof String && b instanceof String)
                    || (a instanceof Boolean && b instanceof Boolean) || (a instanceof List && b instanceof List)
                    || (a instanceof Map && b instanceof Map);
        }
    }

    static Object nested(SplittableRandom random, int depth) {
        Object node = random.nextBoolean() ? "leaf" : 1;
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? List.of(node) : Map.of("k", node);
        }
        return node;
    }

    static void collectPaths(Object node, List<Object> path, List<List<Object>> out) {
        if (!path.isEmpty()) {
            out.add(new ArrayList<>(path));
        }
        if (node instanceof Map<?, ?> m) {
            for (Object key : new ArrayList<>(m.keySet())) {
                path.add(key);
                collectPaths(m.get(key), path, out);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                path.add(i);
                collectPaths(l.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    static Object get(Object root, List<Object> path) {
        Object node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static void set(Object root, List<Object> path, Object value) {
        Object parent = get(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((List<Object>) parent).set(i, value);
        } else {
            ((Map<String, Object>) parent).put((String) last, value);
        }
    }

    static String fieldPath(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(step);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- random JSON

    static Map<String, Object> randomObject(SplittableRandom random, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int size = random.nextInt(depth == 0 ? 9 : 5);
        for (int i = 0; i < size; i++) {
            String key = random.nextInt(5) == 0 ? randomString(random, 12) : KEYS.get(random.nextInt(KEYS.size()));
            m.put(key, randomValue(random, depth + 1));
        }
        return m;
    }

    static Object randomValue(SplittableRandom random, int depth) {
        int choice = random.nextInt(depth > 5 ? 8 : 11);
        return switch (choice) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(-10, 100_000);
            case 3 -> random.nextLong();
            case 4 -> pick(random, random.nextDouble(-1e6, 1e6), Double.NaN, Double.POSITIVE_INFINITY, 1e300, -0.0,
                    new BigInteger("123456789012345678901234567890"), new BigDecimal("1e-400"));
            case 5 -> randomString(random, random.nextInt(8) == 0 ? 5000 : 20);
            case 6 -> pick(random, "hierarchical", "three-level", "sight", "hierarchical-spectral", "kernel-ridge",
                    "ridge", "random-features", "shallow-spectral", "gaussian-equivalent", "hermite", "loo", "auto",
                    "all", "exponent", "crossing", "nmse", "baseline", "value", "power-law", "dense");
            case 7 -> random.nextInt(2, 2000);
            case 8, 9 -> randomObject(random, depth);
            default -> IntStream.range(0, random.nextInt(5)).mapToObj(i -> randomValue(random, depth + 1))
                    .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
        };
    }

    static String randomString(SplittableRandom random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(random.nextInt(8) == 0 ? random.nextInt(0, 0x2FFF) : random.nextInt(0x20, 0x7F));
        }
        return sb.toString().replace("\uD800", "?");
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom random, T... options) {
        return options[random.nextInt(options.length)];
    }

    // ---------------------------------------------------------------- valid specs

    /** One of examples/*.json, read as JSON (mutable maps and lists). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> example(SplittableRandom random) {
        try (Stream<Path> files = Files.list(examplesDir())) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            return JSON.readValue(Files.readString(all.get(random.nextInt(all.size()))), LinkedHashMap.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path examplesDir() {
        Path p = Path.of("../examples");
        return Files.isDirectory(p) ? p : Path.of("examples");
    }

    /** A random spec inside every documented limit; the parser must accept it. */
    static Map<String, Object> validSpec(SplittableRandom r) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (r.nextBoolean()) {
            spec.put("name", (char) ('a' + r.nextInt(26)) + randomFrom(r, "abcXYZ019._- ", r.nextInt(199)));
        }
        if (r.nextBoolean()) {
            spec.put("tags", new ArrayList<>(IntStream.range(0, r.nextInt(4))
                    .mapToObj(i -> "t" + randomFrom(r, "abz09._-", r.nextInt(63))).toList()));
        }
        Map<String, Object> teacher = new LinkedHashMap<>();
        int d = teacher(r, teacher);
        spec.put("teacher", teacher);
        List<Object> estimators = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int count = 1 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            Map<String, Object> e = estimator(r);
            if (count > 1 || r.nextBoolean()) {
                e.put("name", "e" + i);
            }
            names.add(e.containsKey("name") ? (String) e.get("name") : (String) e.get("kind"));
            estimators.add(e);
        }
        spec.put("estimators", estimators);
        spec.put("sweep", sweep(r, d));
        if (r.nextBoolean()) {
            spec.put("test", new LinkedHashMap<>(Map.of("n", r.nextInt(10, SpecParser.MAX_TEST_N + 1))));
        }
        if (r.nextBoolean()) {
            Map<String, Object> fit = new LinkedHashMap<>();
            fit.put("metric", pick(r, SpecParser.METRICS.toArray(String[]::new)));
            if (r.nextBoolean()) {
                double nMin = r.nextDouble(1, 1000);
                fit.put("nMin", nMin);
                fit.put("nMax", nMin + r.nextDouble(1, 1e6));
            }
            fit.put("saturating", r.nextBoolean());
            spec.put("fit", fit);
        }
        if (r.nextBoolean()) {
            List<Object> expect = new ArrayList<>();
            for (int i = 0; i < r.nextInt(5); i++) {
                expect.add(expectation(r, names.get(r.nextInt(names.size()))));
            }
            spec.put("expect", expect);
        }
        return spec;
    }

    /** Fills a valid teacher; returns its d (for alpha sweeps). */
    static int teacher(SplittableRandom r, Map<String, Object> t) {
        switch (r.nextInt(3)) {
            case 0 -> {
                t.put("kind", "hierarchical");
                boolean hermite = r.nextBoolean();
                int q = 2 + r.nextInt(2);
                t.put("q", q);
                t.put("input", hermite ? "hermite" : "gaussian-equivalent");
                int d;
                int features;
                if (hermite || r.nextBoolean()) {
                    d = r.nextInt(2, q == 2 ? 600 : 120);
                    t.put("d", d);
                    features = SpecParser.hermiteFeatures(d, q);
                } else {
                    features = r.nextInt(2, 200_000);
                    t.put("features", features);
                    d = SpecParser.effectiveD(features);
                }
                if (r.nextBoolean()) {
                    t.put("p", r.nextInt(1, Math.min(features, 100_000) + 1));
                } else {
                    t.put("epsilon", r.nextDouble(0, 1));
                }
                if (r.nextBoolean()) {
                    t.put("secondLayer", r.nextBoolean()
                            ? new LinkedHashMap<>(Map.of("kind", "power-law", "gamma", r.nextDouble(0, 10)))
                            : new LinkedHashMap<>(Map.of("kind", "dense", "frobenius", r.nextDouble(1e-6, 1e6))));
                }
                t.put("link", pick(r, "identity", "tanh", "relu-centered"));
                t.put("noise", r.nextDouble(0, 100));
                return d;
            }
            case 1 -> {
                t.put("kind", "three-level");
                int d = r.nextInt(2, 500);
                t.put("d", d);
                t.put("input", pick(r, "hermite", "gaussian-equivalent"));
                int features = SpecParser.hermiteFeatures(d, 2);
                int p1 = r.nextInt(1, Math.min(features, 100_000) + 1);
                t.put("p1", p1);
                t.put("p2", r.nextInt(1, (int) Math.min((long) p1 * (p1 + 1) / 2, 100_000) + 1));
                return d;
            }
            default -> {
                t.put("kind", "sight");
                int d = r.nextInt(2, 300);
                t.put("d", d);
                if (r.nextBoolean()) {
                    t.put("p", r.nextInt(1, d + 1));
                } else {
                    t.put("epsilon", r.nextDouble(0, 1));
                }
                t.put("sigma1", pick(r, "he2+he3", "he2"));
                t.put("link", pick(r, "tanh3", "identity"));
                return d;
            }
        }
    }

    static Map<String, Object> estimator(SplittableRandom r) {
        Map<String, Object> e = new LinkedHashMap<>();
        Supplier<Object> directions = () -> r.nextInt(3) == 0 ? pick(r, "auto", "all") : r.nextInt(1, 10_001);
        Supplier<Object> ridge = () -> r.nextBoolean() ? "loo" : r.nextDouble(0, 1e12);
        switch (r.nextInt(6)) {
            case 5 -> {
                // any registered kind, through one of its examples
                List<Map<String, Object>> all = KindExamples.estimators();
                e.putAll(all.get(r.nextInt(all.size())));
                e.remove("name");
            }
            case 0 -> {
                e.put("kind", "hierarchical-spectral");
                e.put("directions", directions.get());
                e.put("iterations", r.nextInt(1, 10_001));
                e.put("oversample", r.nextInt(0, 1001));
                e.put("tolerance", r.nextDouble(0, 1));
                e.put("readout", pick(r, "calibrated", "polynomial", "rbf-krr"));
                e.put("split", r.nextBoolean());
                e.put("precision", pick(r, "float64", "float32"));
                e.put("histogram", r.nextInt(0, 1001));
            }
            case 1 -> {
                e.put("kind", "shallow-spectral");
                e.put("directions", directions.get());
                e.put("iterations", r.nextInt(1, 10_001));
            }
            case 2 -> {
                e.put("kind", "kernel-ridge");
                String kind = pick(r, KernelRidgeKind.KERNELS.toArray(String[]::new));
                Map<String, Object> kernel = new LinkedHashMap<>(Map.of("kind", kind));
                if (kind.equals("polynomial")) {
                    kernel.put("degree", r.nextInt(1, 13));
                } else if (kind.equals("arccos")) {
                    kernel.put("degree", r.nextInt(1, 3));
                }
                e.put("kernel", kernel);
                e.put("ridge", ridge.get());
                e.put("maxTrain", r.nextInt(10, 40_001));
            }
            case 3 -> {
                e.put("kind", "random-features");
                e.put("width", r.nextInt(1, RandomFeaturesKind.MAX_WIDTH + 1));
                e.put("activation", pick(r, RandomFeaturesKind.ACTIVATIONS.toArray(String[]::new)));
                e.put("depth", r.nextInt(1, 11));
                e.put("ridge", ridge.get());
            }
            default -> {
                e.put("kind", "ridge");
                if (r.nextBoolean()) {
                    e.put("ridge", ridge.get());
                }
            }
        }
        return e;
    }

    static Map<String, Object> sweep(SplittableRandom r, int d) {
        Map<String, Object> s = new LinkedHashMap<>();
        switch (r.nextInt(3)) {
            case 0 -> s.put("n", new ArrayList<>(IntStream.range(0, 1 + r.nextInt(10))
                    .mapToObj(i -> r.nextInt(2, SpecParser.MAX_N + 1)).toList()));
            case 1 -> {
                int from = r.nextInt(2, 100_000);
                s.put("n", new LinkedHashMap<>(Map.of("from", from, "to", r.nextInt(from, SpecParser.MAX_N + 1),
                        "points", r.nextInt(1, SpecParser.MAX_SWEEP_POINTS + 1))));
            }
            default -> {
                double max = Math.min(10, Math.log(SpecParser.MAX_N) / Math.log(Math.max(d, 2)));
                double from = r.nextDouble(0.1, Math.max(0.11, max * 0.9));
                double to = Math.min(max, from + r.nextDouble(0, 2));
                double step = Math.max(0.01, (to - from) / 100 + r.nextDouble(0, 0.5));
                s.put("n", new LinkedHashMap<>(Map.of("alpha",
                        new LinkedHashMap<>(Map.of("from", from, "to", to, "step", step)))));
            }
        }
        if (r.nextBoolean()) {
            s.put("seeds", r.nextInt(1, SpecParser.MAX_SEEDS + 1));
        } else {
            s.put("seeds", new ArrayList<>(LongStream.range(0, 1 + r.nextInt(5))
                    .map(i -> i * 1_000_003L + r.nextLong(0, 1_000_000)).boxed().toList()));
        }
        return s;
    }

    static Map<String, Object> expectation(SplittableRandom r, String estimator) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("estimator", estimator);
        switch (r.nextInt(3)) {
            case 0 -> e.put("quantity", "exponent");
            case 1 -> {
                e.put("quantity", "crossing");
                e.put("direction", r.nextInt(1, 100));
            }
            default -> {
                e.put("quantity", pick(r, SpecParser.METRICS.toArray(String[]::new)));
                e.put("n", r.nextInt(2, SpecParser.MAX_N + 1));
            }
        }
        if (r.nextInt(3) == 0) {
            e.put("against", "baseline");
        } else {
            e.put("value", r.nextDouble(-1e6, 1e6));
        }
        switch (r.nextInt(3)) {
            case 0 -> e.put("tolerance", r.nextDouble(0, 10));
            case 1 -> e.put("relativeTolerance", r.nextDouble(0, 1));
            default -> {
                e.put("tolerance", r.nextDouble(0, 1));
                e.put("relative", r.nextBoolean());
            }
        }
        return e;
    }

    static String randomFrom(SplittableRandom r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
