package cascade.engine.spec;

import cascade.engine.spec.HierarchicalSpectralSpec.Precision;
import cascade.engine.spec.HierarchicalSpectralSpec.Readout;
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
 * reported at once in an {@link InvalidSpecException}; nothing is half-read. The defaults here are
 * the documented ones (README, GET /estimators, GET /teachers).
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
    public static final int MAX_LOFI_LAYERS = 10;
    public static final int MAX_WIDTH = 1 << 16;
    /** Neural LoFi widths: a reducing layer diagonalises a dense P x P matrix (8192: 512 MiB, minutes). */
    public static final int MAX_LOFI_WIDTH = 8192;
    /** Kernel-limit LoFi and deep NNGP hold several n x n matrices (10000: 800 MB each). */
    public static final int MAX_KERNEL_TRAIN = 10_000;

    private static final Map<String, InputMode> INPUTS = enumMap(InputMode.HERMITE.json(), InputMode.HERMITE,
            InputMode.GAUSSIAN_EQUIVALENT.json(), InputMode.GAUSSIAN_EQUIVALENT);
    private static final Map<String, Link> LINKS = enumMap(Link.IDENTITY.json(), Link.IDENTITY,
            Link.TANH.json(), Link.TANH, Link.RELU_CENTERED.json(), Link.RELU_CENTERED);
    private static final Map<String, Readout> READOUTS = enumMap(Readout.CALIBRATED.json(), Readout.CALIBRATED,
            Readout.POLYNOMIAL.json(), Readout.POLYNOMIAL, Readout.RBF_KRR.json(), Readout.RBF_KRR);
    private static final Map<String, Precision> PRECISIONS = enumMap(Precision.FLOAT64.json(), Precision.FLOAT64,
            Precision.FLOAT32.json(), Precision.FLOAT32);
    /** Activations a random layer accepts; "relu-hermite" is ReLU minus its He0 and He1 components. */
    public static final List<String> ACTIVATIONS = List.of("relu", "relu-hermite", "tanh", "sigmoid", "erf",
            "identity", "abs", "quadratic", "he2");
    public static final List<String> KERNELS = List.of("rbf", "polynomial", "quadratic", "arccos");
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
        if (t.raw("teacher") instanceof Map<?, ?> tm && DatasetTeacher.KIND.equals(tm.get("kind"))) {
            DatasetChecks.estimators(estimators, errors);
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
        TeacherSpec spec = switch (kind) {
            case "hierarchical" -> hierarchical(t);
            case "three-level" -> threeLevel(t);
            case "sight" -> sight(t);
            case DatasetTeacher.KIND -> DatasetChecks.teacher(t);
            default -> {
                t.error("kind", "must be one of hierarchical, three-level, sight, dataset");
                yield null;
            }
        };
        t.finish();
        return spec;
    }

    private static @Nullable HierarchicalTeacher hierarchical(Tree t) {
        int before = t.errors().size();
        InputMode input = t.choice("input", InputMode.HERMITE, INPUTS);
        int q = t.integer("q", 2, 2, 3);
        Integer d = t.optionalInteger("d", 2, MAX_D);
        Integer features = t.optionalInteger("features", 2, MAX_FEATURES);
        int resolvedFeatures = 0;
        if (input == InputMode.HERMITE) {
            if (features != null) {
                t.error("features", "applies only to input gaussian-equivalent; give d for hermite inputs");
            }
            if (d == null && !t.has("d")) {
                t.error("d", "is required for hermite inputs");
            }
        } else if (d == null && features == null && !t.has("d") && !t.has("features")) {
            t.error("d", "give d or features for gaussian-equivalent inputs");
        } else if (d != null && features != null) {
            t.error("features", "give either d or features, not both");
        }
        if (d != null) {
            resolvedFeatures = hermiteFeatures(d, q);
            if (resolvedFeatures > MAX_FEATURES) {
                t.error("d", "gives D = " + resolvedFeatures + " features, more than " + MAX_FEATURES);
            }
        } else if (features != null) {
            resolvedFeatures = features;
        }
        Double epsilon = t.optionalNumber("epsilon", 0.0, 2.0);
        Integer p = t.optionalInteger("p", 1, 100_000);
        if (p != null && epsilon != null) {
            t.error("epsilon", "give either p or epsilon, not both");
        }
        int resolvedP = p != null ? p : latentCount(d != null ? d : effectiveD(resolvedFeatures), epsilon != null ? epsilon : 0.5);
        if (resolvedFeatures > 0 && resolvedP > resolvedFeatures) {
            t.error(p != null ? "p" : "epsilon", "gives p = " + resolvedP + " latent features, more than D = " + resolvedFeatures);
        }
        SecondLayer second = new SecondLayer.PowerLaw(1.0);
        Tree st = t.object("secondLayer");
        if (st != null) {
            String kind = st.string("kind", "power-law");
            second = switch (kind) {
                case "power-law" -> new SecondLayer.PowerLaw(st.number("gamma", 1.0, 0.0, 10.0));
                case "dense" -> new SecondLayer.Dense(st.number("frobenius", 1.0, 1e-6, 1e6));
                default -> {
                    st.error("kind", "must be one of power-law, dense");
                    yield second;
                }
            };
            st.finish();
        }
        Link link = t.choice("link", Link.IDENTITY, LINKS);
        double noise = t.number("noise", 0.0, 0.0, 100.0);
        if (t.errors().size() > before) {
            return null;
        }
        return new HierarchicalTeacher(input, d, resolvedFeatures, resolvedP, epsilon, q, second, link, noise);
    }

    private static @Nullable ThreeLevelTeacher threeLevel(Tree t) {
        int before = t.errors().size();
        InputMode input = t.choice("input", InputMode.HERMITE, INPUTS);
        if (!t.has("d")) {
            t.error("d", "is required");
        }
        int d = t.integer("d", 2, 2, MAX_D);
        Double eps1 = t.optionalNumber("epsilon1", 0.0, 2.0);
        Integer p1 = t.optionalInteger("p1", 1, 100_000);
        Double eps2 = t.optionalNumber("epsilon2", 0.0, 2.0);
        Integer p2 = t.optionalInteger("p2", 1, 100_000);
        if (p1 != null && eps1 != null) {
            t.error("epsilon1", "give either p1 or epsilon1, not both");
        }
        if (p2 != null && eps2 != null) {
            t.error("epsilon2", "give either p2 or epsilon2, not both");
        }
        int rp1 = p1 != null ? p1 : latentCount(d, eps1 != null ? eps1 : 0.5);
        int rp2 = p2 != null ? p2 : latentCount(d, eps2 != null ? eps2 : 0.25);
        int features = hermiteFeatures(d, 2);
        if (rp1 > features) {
            t.error("p1", "must be at most D = " + features);
        }
        long pairs = (long) rp1 * (rp1 + 1) / 2;
        if (rp2 > pairs) {
            t.error("p2", "must be at most p1(p1+1)/2 = " + pairs);
        }
        double noise = t.number("noise", 0.0, 0.0, 100.0);
        if (t.errors().size() > before) {
            return null;
        }
        return new ThreeLevelTeacher(input, d, features, rp1, eps1, rp2, eps2, noise);
    }

    private static @Nullable SightTeacher sight(Tree t) {
        int before = t.errors().size();
        if (!t.has("d")) {
            t.error("d", "is required");
        }
        int d = t.integer("d", 2, 2, MAX_D);
        Double eps = t.optionalNumber("epsilon", 0.0, 1.0);
        Integer p = t.optionalInteger("p", 1, MAX_D);
        if (p != null && eps != null) {
            t.error("epsilon", "give either p or epsilon, not both");
        }
        int rp = p != null ? p : latentCount(d, eps != null ? eps : 0.5);
        if (rp > d) {
            t.error(p != null ? "p" : "epsilon", "needs p <= d orthonormal directions, got p = " + rp);
        }
        String sigma1 = t.choice("sigma1", "he2+he3", Map.of("he2+he3", "he2+he3", "he2", "he2"));
        String link = t.choice("link", "tanh3", Map.of("tanh3", "tanh3", "identity", "identity"));
        double noise = t.number("noise", 0.0, 0.0, 100.0);
        if (t.errors().size() > before) {
            return null;
        }
        return new SightTeacher(d, rp, eps, sigma1, link, noise);
    }

    private static @Nullable EstimatorSpec estimator(Tree t, @Nullable TeacherSpec teacher) {
        int before = t.errors().size();
        String kind = t.string("kind", "");
        String name = t.string("name", kind);
        if (t.has("name") && !name.matches("[A-Za-z0-9._\\-]{1,64}")) {
            t.error("name", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        int planted = teacher == null || teacher.plantedDirections() == 0 ? 10 : teacher.plantedDirections();
        EstimatorSpec spec = switch (kind) {
            case HierarchicalSpectralSpec.KIND -> new HierarchicalSpectralSpec(name,
                    directions(t, new DirectionRule.Fixed(planted)), t.integer("iterations", 30, 1, 10_000),
                    t.integer("oversample", 10, 0, 1000), t.number("tolerance", 1e-6, 0.0, 1.0),
                    t.choice("readout", Readout.CALIBRATED, READOUTS), t.bool("split", false),
                    t.choice("precision", Precision.FLOAT64, PRECISIONS), t.integer("histogram", 0, 0, 1000));
            case ShallowSpectralSpec.KIND -> new ShallowSpectralSpec(name,
                    directions(t, new DirectionRule.All()), t.integer("iterations", 30, 1, 10_000),
                    t.integer("oversample", 10, 0, 1000), t.number("tolerance", 1e-6, 0.0, 1.0));
            case KernelRidgeSpec.KIND -> new KernelRidgeSpec(name, kernel(t), ridge(t, RidgeChoice.of(1e-4)),
                    t.integer("maxTrain", 4000, 10, 40_000));
            case RandomFeaturesSpec.KIND -> new RandomFeaturesSpec(name, t.integer("width", 2048, 1, MAX_WIDTH),
                    activation(t), t.integer("depth", 1, 1, 10), ridge(t, RidgeChoice.of(1e-3)));
            case RidgeSpec.KIND -> new RidgeSpec(name, ridge(t, RidgeChoice.loo()));
            case NeuralLofiSpec.KIND -> neuralLofi(t, name);
            case DeepNngpSpec.KIND -> new DeepNngpSpec(name, t.integer("depth", 2, 1, 10), ridge(t, RidgeChoice.loo()),
                    t.integer("maxTrain", 4000, 10, MAX_KERNEL_TRAIN));
            default -> {
                t.error("kind", "must be one of " + String.join(", ", estimatorKinds()));
                yield null;
            }
        };
        t.finish();
        return t.errors().size() > before ? null : spec;
    }

    /** The estimator kinds this build runs, in the order GET /estimators lists them. */
    public static List<String> estimatorKinds() {
        return List.of(HierarchicalSpectralSpec.KIND, ShallowSpectralSpec.KIND, KernelRidgeSpec.KIND,
                RandomFeaturesSpec.KIND, RidgeSpec.KIND, NeuralLofiSpec.KIND, DeepNngpSpec.KIND);
    }

    /** The layers neural-lofi runs when a spec names none: one reducing layer, then random features. */
    public static final List<NeuralLofiSpec.Layer> DEFAULT_LOFI_LAYERS = List.of(
            new NeuralLofiSpec.Layer(2048, 16, "relu"), new NeuralLofiSpec.Layer(2048, null, "relu"));

    private static @Nullable NeuralLofiSpec neuralLofi(Tree t, String name) {
        int before = t.errors().size();
        String limit = t.choice("limit", NeuralLofiSpec.FINITE,
                Map.of(NeuralLofiSpec.FINITE, NeuralLofiSpec.FINITE, NeuralLofiSpec.KERNEL, NeuralLofiSpec.KERNEL));
        List<NeuralLofiSpec.Layer> layers = DEFAULT_LOFI_LAYERS;
        if (t.has("layers")) {
            layers = t.list("layers", MAX_LOFI_LAYERS, item -> {
                Tree lt = item.object();
                if (lt == null) {
                    return null;
                }
                int errs = lt.errors().size();
                int width = lt.integer("width", 2048, 1, MAX_LOFI_WIDTH);
                Integer directions = lt.optionalInteger("directions", 1, 1000);
                if (directions != null && directions > width) {
                    lt.error("directions", "must be at most the layer's width " + width + ", was " + directions);
                }
                String activation = activation(lt);
                if (limit.equals(NeuralLofiSpec.KERNEL) && !activation.equals("relu")) {
                    lt.error("activation", "the kernel limit supports relu only (arc-cosine kernel), was " + activation);
                }
                lt.finish();
                return lt.errors().size() > errs ? null : new NeuralLofiSpec.Layer(width, directions, activation);
            });
            if (t.raw("layers") instanceof List<?> l && l.isEmpty()) {
                t.error("layers", "must list 1 to 10 layers, got " + l.size());
            }
        }
        boolean centered = t.bool("centered", true);
        RidgeChoice ridge = ridge(t, RidgeChoice.loo());
        int maxTrain = t.integer("maxTrain", 4000, 10, MAX_KERNEL_TRAIN);
        int histogram = t.integer("histogram", 32, 0, 1000);
        boolean split = t.bool("split", false);
        if (split && limit.equals(NeuralLofiSpec.KERNEL)) {
            t.error("split", "applies to limit finite only");
        }
        if (t.errors().size() > before || layers.isEmpty()) {
            return null;
        }
        return new NeuralLofiSpec(name, layers, centered, limit, ridge, maxTrain, histogram, split);
    }

    private static DirectionRule directions(Tree t, DirectionRule fallback) {
        Object raw = t.raw("directions");
        if (raw == null) {
            return fallback;
        }
        if ("auto".equals(raw)) {
            return new DirectionRule.Auto(fallback instanceof DirectionRule.Fixed f ? f.k() : 10_000);
        }
        if ("all".equals(raw)) {
            return new DirectionRule.All();
        }
        if (raw instanceof String) {
            t.error("directions", "must be a positive integer, \"auto\" or \"all\"");
            return fallback;
        }
        Long k = t.checkInteger("directions", raw, 1, 10_000);
        return k == null ? fallback : new DirectionRule.Fixed(k.intValue());
    }

    private static RidgeChoice ridge(Tree t, RidgeChoice fallback) {
        Object raw = t.raw("ridge");
        if (raw == null) {
            return fallback;
        }
        if ("loo".equals(raw)) {
            return RidgeChoice.loo();
        }
        if (raw instanceof String) {
            t.error("ridge", "must be a non-negative number or \"loo\"");
            return fallback;
        }
        return RidgeChoice.of(t.checkNumber("ridge", raw, 1e-3, 0.0, 1e12));
    }

    private static KernelRidgeSpec.Kernel kernel(Tree t) {
        Tree kt = t.object("kernel");
        if (kt == null) {
            return new KernelRidgeSpec.Kernel("rbf", 0);
        }
        String kind = kt.choice("kind", "rbf", identity(KERNELS));
        int degree = switch (kind) {
            case "polynomial" -> kt.integer("degree", 4, 1, 12);
            case "arccos" -> kt.integer("degree", 1, 1, 2);
            default -> {
                if (kt.has("degree")) {
                    kt.error("degree", "applies only to polynomial and arccos kernels");
                }
                yield 0;
            }
        };
        kt.finish();
        return new KernelRidgeSpec.Kernel(kind, degree);
    }

    private static String activation(Tree t) {
        return t.choice("activation", "relu", identity(ACTIVATIONS));
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
        String metric = t.choice("metric", "nmse", identity(METRICS));
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
        String quantity = t.choice("quantity", "exponent", identity(expectationQuantities()));
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
    static int effectiveD(int features) {
        return (int) Math.max(1, Math.rint((Math.sqrt(8.0 * features + 1) - 1) / 2));
    }

    private static Map<String, String> identity(List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach(v -> m.put(v, v));
        return m;
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
