package cascade.engine.spec;

import cascade.engine.EstimatorKind;
import cascade.engine.Kinds;
import cascade.engine.TeacherKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads a spec tree (Map / List / Number / String / Boolean, as any JSON library produces) into an
 * {@link ExperimentSpec} with every default filled in. Every bad or unknown field is collected and
 * reported at once in an {@link InvalidSpecException}; nothing is half-read. The teacher and each
 * estimator are read by their kind in {@link Kinds} (its declared parameters hold the documented
 * defaults); this class reads the rest: name, tags, sweep, test, fit and expectations. Parsing is
 * a pure function of the tree (and, at submission, of the stored datasets' shapes).
 */
public final class SpecParser {

    /** Hard bounds that keep a single run sane on any machine; memory is checked separately. */
    public static final int MAX_N = 10_000_000;
    public static final int MAX_TEST_N = 1_000_000;
    public static final int MAX_D = 4_000;
    public static final int MAX_FEATURES = 4_000_000;
    public static final int MAX_SEEDS = 100;
    public static final int MAX_SWEEP_POINTS = 200;
    /** Estimators of one spec; with the sweep's caps a spec expands into at most 32 x 200 x 100 runs. */
    public static final int MAX_ESTIMATORS = 32;
    public static final int MAX_TAGS = 32;
    public static final int MAX_EXPECTATIONS = 100;

    /** Curve metrics an expectation or a fit may name. */
    public static final List<String> METRICS = List.of("nmse", "mse", "classificationError", "overlapA",
            "overlapH", "recoveredRank");

    private SpecParser() {
    }

    /** Parses and validates; throws {@link InvalidSpecException} naming every bad field. */
    public static ExperimentSpec parse(@Nullable Object root) {
        return parse(root, null);
    }

    /**
     * Parses and validates, and checks a dataset teacher against the stored dataset it names (it
     * exists, the sweep's n fits its training rows, the positive classes occur): submission time.
     * Without a catalog (a stored spec read back) those checks are skipped.
     */
    public static ExperimentSpec parse(@Nullable Object root, DatasetShape.@Nullable Catalog datasets) {
        List<FieldError> errors = new ArrayList<>();
        Tree t = Tree.of(root, "", errors);
        if (t == null) {
            throw new InvalidSpecException(errors);
        }
        String name = t.string("name", "unnamed");
        if (name.isBlank() || name.length() > 200 || !name.matches("[A-Za-z0-9._\\- ]+")) {
            t.error("name", "must be 1-200 characters of letters, digits, space, '.', '_' or '-'");
        }
        List<String> tags = t.list("tags", MAX_TAGS, item -> {
            if (item.value() instanceof String s && s.matches("[A-Za-z0-9._\\-]{1,64}")) {
                return s;
            }
            item.error("must be a tag of 1-64 letters, digits, '.', '_' or '-'");
            return null;
        });
        TeacherSpec teacher = null;
        if (!t.has("teacher")) {
            t.error("teacher", "is required");
        } else {
            Tree tt = t.object("teacher");
            if (tt != null) {
                teacher = teacher(tt);
            }
        }
        List<EstimatorSpec> estimators = new ArrayList<>();
        if (!t.has("estimators")) {
            t.error("estimators", "is required");
        } else {
            TeacherSpec forDefaults = teacher;
            estimators = t.list("estimators", MAX_ESTIMATORS, item -> {
                Tree et = item.object();
                return et == null ? null : estimator(et, forDefaults);
            });
            if (estimators.isEmpty() && t.raw("estimators") instanceof List<?> l && l.isEmpty()) {
                t.error("estimators", "must name at least one estimator");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < estimators.size(); i++) {
                if (!names.add(estimators.get(i).name())) {
                    errors.add(new FieldError("estimators[" + i + "].name",
                            "duplicate estimator name '" + estimators.get(i).name() + "'; give each a distinct name"));
                }
            }
        }
        if (t.raw("teacher") instanceof Map<?, ?> tm && tm.get("kind") instanceof String kind
                && Kinds.teacher(kind) instanceof TeacherKind<?> teacherKind) {
            DatasetChecks.estimators(estimators, teacherKind, teacher, errors);
        }
        SweepSpec sweep = null;
        if (!t.has("sweep")) {
            t.error("sweep", "is required");
        } else {
            Tree st = t.object("sweep");
            if (st != null) {
                sweep = sweep(st, teacher);
            }
        }
        TestSpec test = new TestSpec(5000);
        Tree testTree = t.object("test");
        if (testTree != null) {
            test = new TestSpec(testTree.integer("n", 5000, 10, MAX_TEST_N));
            testTree.finish();
        }
        FitSpec fit = new FitSpec("nmse", null, null, false);
        Tree fitTree = t.object("fit");
        if (fitTree != null) {
            fit = fit(fitTree);
        }
        List<EstimatorSpec> known = estimators;
        List<Expectation> expect = t.list("expect", MAX_EXPECTATIONS, item -> {
            Tree et = item.object();
            return et == null ? null : expectation(et, known);
        });
        t.finish();
        if (teacher instanceof DatasetTeacher d && datasets != null) {
            DatasetChecks.against(d, datasets.shape(d.id()), sweep, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        return new ExperimentSpec(name, tags, teacher, estimators, sweep, test, fit, expect);
    }

    private static @Nullable TeacherSpec teacher(Tree t) {
        String kind = t.string("kind", "");
        TeacherKind<?> teacherKind = Kinds.teacher(kind);
        TeacherSpec spec = null;
        if (teacherKind == null) {
            t.error("kind", "must be one of " + Kinds.names(Kinds.TEACHERS));
        } else {
            spec = teacherKind.parse(t);
        }
        t.finish();
        return spec;
    }

    private static @Nullable EstimatorSpec estimator(Tree t, @Nullable TeacherSpec teacher) {
        int before = t.errors().size();
        String kind = t.string("kind", "");
        String name = t.string("name", kind);
        if (t.has("name") && !name.matches("[A-Za-z0-9._\\-]{1,64}")) {
            t.error("name", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        EstimatorKind<?> estimatorKind = Kinds.estimator(kind);
        EstimatorSpec spec = null;
        if (estimatorKind == null) {
            t.error("kind", "must be one of " + Kinds.names(Kinds.ESTIMATORS));
        } else {
            spec = estimatorKind.parse(t, name, teacher);
        }
        t.finish();
        return t.errors().size() > before ? null : spec;
    }

    private static @Nullable SweepSpec sweep(Tree t, @Nullable TeacherSpec teacher) {
        int before = t.errors().size();
        List<Integer> ns = new ArrayList<>();
        Object raw = t.raw("n");
        if (raw == null) {
            t.error("n", "is required: a list, {from, to, points} or {alpha: {from, to, step}}");
        } else if (raw instanceof List<?>) {
            ns = t.list("n", MAX_SWEEP_POINTS, item -> {
                Long v = asInteger(item, 2, MAX_N);
                return v == null ? null : v.intValue();
            });
        } else {
            Tree nt = t.object("n");
            if (nt != null) {
                ns = nRange(nt, teacher);
            }
        }
        TreeSet<Integer> sorted = new TreeSet<>(ns);
        if (t.errors().size() == before && sorted.isEmpty()) {
            t.error("n", "must contain at least one sample size");
        }
        if (sorted.size() > MAX_SWEEP_POINTS) {
            t.error("n", "has " + sorted.size() + " points, at most " + MAX_SWEEP_POINTS);
        }
        List<Long> seeds = new ArrayList<>();
        Object rawSeeds = t.raw("seeds");
        if (rawSeeds == null) {
            seeds = List.of(0L, 1L, 2L);
        } else if (rawSeeds instanceof List<?>) {
            seeds = t.list("seeds", MAX_SEEDS, item -> asInteger(item, 0, Long.MAX_VALUE / 2));
            if (new HashSet<>(seeds).size() != seeds.size()) {
                t.error("seeds", "must not repeat a seed");
            }
        } else {
            Long count = t.checkInteger("seeds", rawSeeds, 1, MAX_SEEDS);
            for (long s = 0; count != null && s < count; s++) {
                seeds.add(s);
            }
        }
        if (seeds.isEmpty() && t.errors().size() == before) {
            t.error("seeds", "must name at least one seed");
        }
        if (seeds.size() > MAX_SEEDS) {
            t.error("seeds", "at most " + MAX_SEEDS + " seeds");
        }
        t.finish();
        return t.errors().size() > before ? null : new SweepSpec(new ArrayList<>(sorted), seeds);
    }

    private static List<Integer> nRange(Tree t, @Nullable TeacherSpec teacher) {
        List<Integer> ns = new ArrayList<>();
        Tree alpha = t.object("alpha");
        if (alpha != null) {
            double from = alpha.number("from", 1.0, 0.1, 10.0);
            double to = alpha.number("to", from, 0.1, 10.0);
            double step = alpha.number("step", 0.25, 0.001, 10.0);
            alpha.finish();
            Integer d = teacherD(teacher);
            if (d == null) {
                t.error("alpha", "needs a teacher with d (n = round(d^alpha))");
            } else if (to < from) {
                alpha.error("to", "must be at least from");
            } else {
                for (int i = 0; from + i * step <= to + 1e-9; i++) {
                    double n = Math.rint(Math.pow(d, from + i * step));
                    if (n > MAX_N) {
                        alpha.error("to", "gives n = " + Tree.format(n) + ", more than " + MAX_N);
                        break;
                    }
                    ns.add((int) Math.max(2, n));
                }
            }
            t.finish();
            return ns;
        }
        if (!t.has("from")) {
            t.error("from", "is required");
        }
        if (!t.has("to")) {
            t.error("to", "is required");
        }
        int from = t.integer("from", 2, 2, MAX_N);
        int to = t.integer("to", from, 2, MAX_N);
        int points = t.integer("points", 10, 1, MAX_SWEEP_POINTS);
        t.finish();
        if (to < from) {
            t.error("to", "must be at least from");
            return ns;
        }
        for (int i = 0; i < points; i++) {
            double frac = points == 1 ? 0 : (double) i / (points - 1);
            ns.add((int) Math.rint(from * Math.pow((double) to / from, frac)));
        }
        return ns;
    }

    private static @Nullable Integer teacherD(@Nullable TeacherSpec teacher) {
        return switch (teacher) {
            case HierarchicalTeacher h -> h.d() != null ? h.d() : effectiveD(h.features());
            case ThreeLevelTeacher t -> t.d();
            case SightTeacher s -> s.d();
            case DatasetTeacher ds -> null;
            case null -> null;
        };
    }

    private static FitSpec fit(Tree t) {
        String metric = t.choice("metric", "nmse", METRICS);
        Double nMin = t.optionalNumber("nMin", 1, MAX_N);
        Double nMax = t.optionalNumber("nMax", 1, MAX_N);
        if (nMin != null && nMax != null && nMax <= nMin) {
            t.error("nMax", "must be greater than nMin");
        }
        boolean saturating = t.bool("saturating", false);
        t.finish();
        return new FitSpec(metric, nMin, nMax, saturating);
    }

    /** Quantities an expectation may name: the fitted exponent, a crossing, or a curve metric at n. */
    public static List<String> expectationQuantities() {
        List<String> quantities = new ArrayList<>(List.of("exponent", "crossing"));
        quantities.addAll(METRICS);
        return quantities;
    }

    /**
     * One expectation. The tolerance is absolute ({@code tolerance}) or relative to the expected
     * value ({@code relativeTolerance}, the same as {@code tolerance} with {@code relative: true},
     * which is how the spec as run writes it); exactly one of the two.
     */
    private static @Nullable Expectation expectation(Tree t, List<EstimatorSpec> estimators) {
        int before = t.errors().size();
        if (!t.has("estimator")) {
            t.error("estimator", "is required");
        }
        String estimator = t.string("estimator", "");
        if (t.has("estimator") && estimators.stream().noneMatch(e -> e.name().equals(estimator))) {
            t.error("estimator", "names no estimator of this spec");
        }
        if (!t.has("quantity")) {
            t.error("quantity", "is required");
        }
        String quantity = t.choice("quantity", "exponent", expectationQuantities());
        Expectation.Against against = t.choice("against", Expectation.Against.VALUE,
                enumMap(Expectation.Against.VALUE.json(), Expectation.Against.VALUE,
                        Expectation.Against.BASELINE.json(), Expectation.Against.BASELINE));
        Double value = null;
        if (against == Expectation.Against.VALUE) {
            if (!t.has("value")) {
                t.error("value", "is required (or \"against\": \"baseline\")");
            }
            value = t.number("value", 0, -1e12, 1e12);
        } else if (t.has("value")) {
            t.error("value", "does not apply with \"against\": \"baseline\": the baseline supplies the expected value");
        }
        boolean absolute = t.has("tolerance");
        boolean relativeShorthand = t.has("relativeTolerance");
        boolean relative = t.bool("relative", false);
        double tolerance = 0;
        if (absolute && relativeShorthand) {
            t.error("relativeTolerance", "give either tolerance or relativeTolerance, not both");
        } else if (!absolute && !relativeShorthand) {
            t.error("tolerance", "is required: an absolute tolerance, or relativeTolerance as a fraction of the expected value");
        } else if (relativeShorthand) {
            if (t.has("relative")) {
                t.error("relative", "does not combine with relativeTolerance, which is relative already");
            }
            tolerance = t.number("relativeTolerance", 0, 0, 1e6);
            relative = true;
        } else {
            tolerance = t.number("tolerance", 0, 0, 1e12);
        }
        Integer direction = t.optionalInteger("direction", 1, 100_000);
        Integer n = t.optionalInteger("n", 2, MAX_N);
        if (quantity.equals("crossing") && direction == null && !t.has("direction")) {
            t.error("direction", "is required for quantity crossing");
        } else if (!quantity.equals("crossing") && t.has("direction")) {
            t.error("direction", "applies only to quantity crossing");
        }
        if (METRICS.contains(quantity) && n == null && !t.has("n")) {
            t.error("n", "is required for quantity " + quantity);
        } else if (!METRICS.contains(quantity) && t.has("n")) {
            t.error("n", "applies only to curve metrics (" + String.join(", ", METRICS) + ")");
        }
        t.finish();
        return t.errors().size() > before ? null
                : new Expectation(estimator, quantity, value, tolerance, relative, direction, n, against);
    }

    private static @Nullable Long asInteger(Tree.Item item, long min, long max) {
        Long v = Tree.asLong(item.value());
        if (v == null) {
            item.error("must be an integer");
            return null;
        }
        if (v < min || v > max) {
            item.error("must be between " + min + " and " + max + ", was " + v);
            return null;
        }
        return v;
    }

    /** Number of degree-q Hermite features of d inputs: C(d+q-1, q). */
    public static int hermiteFeatures(int d, int q) {
        long count = q == 2 ? (long) d * (d + 1) / 2 : (long) d * (d + 1) * (d + 2) / 6;
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    /** p = round(d^epsilon), at least 1. */
    public static int latentCount(int d, double epsilon) {
        return (int) Math.max(1, Math.rint(Math.pow(d, epsilon)));
    }

    /** The d with d(d+1)/2 closest to D, for gaussian-equivalent teachers given by D. */
    public static int effectiveD(int features) {
        return (int) Math.max(1, Math.rint((Math.sqrt(8.0 * features + 1) - 1) / 2));
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> enumMap(Object... pairs) {
        Map<String, T> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (T) pairs[i + 1]);
        }
        return m;
    }
}
