package cascade.engine.spec;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The kinds a spec may name, with every parameter's type, default and limits, so a client or the
 * dashboard can build a form without reading code (GET /estimators, GET /teachers). The defaults
 * here are the ones {@link SpecParser} fills in; {@code CatalogTests} checks that they agree.
 */
public final class Catalog {

    /** One kind of teacher or estimator. */
    public record Kind(String kind, String description, String reference, List<Parameter> parameters) {
    }

    /** One field of a kind; {@code type} is integer, number, boolean, string, object or a union like "integer|auto". */
    public record Parameter(String name, String type, boolean required, @Nullable Object defaultValue,
            @Nullable Double minimum, @Nullable Double maximum, @Nullable List<String> allowed, String description) {
    }

    private Catalog() {
    }

    public static List<Kind> teachers() {
        return List.of(
                new Kind("hierarchical", "Two-level hierarchical teacher: p Frobenius-orthonormal Hermite-q features, "
                        + "second layer power-law diagonal or dense, y = g(h^T B h - tr B + noise), standardised.",
                        "SCIENCE.md 3; P1 arXiv 2605.14567, P3 arXiv 2602.10867", List.of(
                        choice("input", "hermite", List.of("hermite", "gaussian-equivalent"),
                                "hermite: x ~ N(0, I_d); gaussian-equivalent: z ~ N(0, I_D), exact for the theory"),
                        integer("d", null, 2, SpecParser.MAX_D, false, "input dimension; required for hermite"),
                        integer("features", null, 2, SpecParser.MAX_FEATURES, false,
                                "D directly (gaussian-equivalent only), instead of d"),
                        integer("p", null, 1, 100_000, false, "latent features; or epsilon"),
                        number("epsilon", 0.5, 0, 2, "p = round(d^epsilon) when p is absent"),
                        integer("q", 2, 2, 3, false, "Hermite order of the first layer"),
                        new Parameter("secondLayer", "object", false, "{\"kind\":\"power-law\",\"gamma\":1.0}", null, null,
                                List.of("power-law", "dense"),
                                "power-law {gamma} (b_j = s_j j^-gamma, random signs) or dense {frobenius}"),
                        choice("link", "identity", List.of("identity", "tanh", "relu-centered"), "output link g"),
                        number("noise", 0.0, 0, 100, "std of Gaussian noise added before the link"))),
                new Kind("three-level", "Three-level teacher: h1 = Hermite-2 forms of x, h2 = Hermite-2 forms of h1, "
                        + "y = h2^T B h2 - tr B with dense B, standardised.", "SCIENCE.md 3; P3 arXiv 2602.10867", List.of(
                        choice("input", "hermite", List.of("hermite", "gaussian-equivalent"), "input mode of the first layer"),
                        integer("d", null, 2, SpecParser.MAX_D, true, "input dimension"),
                        integer("p1", null, 1, 100_000, false, "first latent width; or epsilon1"),
                        number("epsilon1", 0.5, 0, 2, "p1 = round(d^epsilon1)"),
                        integer("p2", null, 1, 100_000, false, "second latent width; or epsilon2"),
                        number("epsilon2", 0.25, 0, 2, "p2 = round(d^epsilon2)"),
                        number("noise", 0.0, 0, 100, "label noise std"))),
                new Kind("sight", "SIGHT teacher: h = d_eff^-1/2 sum_j s_j sigma1(w_j . x), orthonormal w_j, "
                        + "sigma1 = He2/2 + He3/6, y = tanh(3 h).", "SCIENCE.md 3; IdePHICS/ComputationalDepth", List.of(
                        integer("d", null, 2, SpecParser.MAX_D, true, "input dimension"),
                        integer("p", null, 1, SpecParser.MAX_D, false, "number of directions; or epsilon"),
                        number("epsilon", 0.5, 0, 1, "p = round(d^epsilon)"),
                        choice("sigma1", "he2+he3", List.of("he2+he3", "he2"), "first-layer nonlinearity"),
                        choice("link", "tanh3", List.of("tanh3", "identity"), "y = tanh(3h) or h"),
                        number("noise", 0.0, 0, 100, "label noise std"))),
                new Kind(DatasetTeacher.KIND, "An uploaded dataset (POST /datasets): rows split by seed into a "
                        + "held-out test set and nested training prefixes; features standardised with training "
                        + "statistics. Runs report nmse, mse and, for binary labels, classificationError. Estimators "
                        + "on raw inputs only (kernel-ridge, random-features, ridge; not the spectral ones).",
                        "SCIENCE.md 5; P2 arXiv 2605.13612 (CIFAR-10 animal vs vehicle)", List.of(
                        new Parameter("id", "string", true, null, null, null, null,
                                "the dataset's id (POST /datasets; on the command line the ID of --dataset ID=path)"),
                        new Parameter("labels", "string|object", false, "raw", null, null,
                                List.of("raw", "binary", "preset:cifar10-animal-vs-vehicle"),
                                "\"raw\" (as given), {\"binary\": {\"positive\": [classes]}} (+1 / -1), or "
                                        + "{\"preset\": \"cifar10-animal-vs-vehicle\"} (classes 2-7 bird, cat, deer, "
                                        + "dog, frog, horse +1; 0, 1, 8, 9 airplane, automobile, ship, truck -1)"),
                        bool("standardize", true, "standardise each feature with the training split's mean and std"),
                        number("testFraction", 0.2, 0.01, 0.99,
                                "share of rows held out for testing (the test set is its first test.n rows)"))));
    }

    public static List<Kind> estimators() {
        return List.of(
                new Kind(HierarchicalSpectralSpec.KIND, "Layer-wise spectral estimator: matrix-free first-layer operator, "
                        + "top directions by |eigenvalue|, second-layer moment, calibrated readout.",
                        "SCIENCE.md 4; P1, P3", List.of(
                        name(), directions(),
                        integer("iterations", 30, 1, 10_000, false, "cap on block power iterations"),
                        integer("oversample", 10, 0, 1000, false, "extra block columns"),
                        number("tolerance", 1e-6, 0, 1, "relative residual that stops the iteration"),
                        choice("readout", "calibrated", List.of("calibrated", "polynomial", "rbf-krr"), "readout on recovered features"),
                        bool("split", false, "first half of the samples for layer 1, second half for the rest"),
                        choice("precision", "float64", List.of("float64", "float32"), "precision of the first-layer operator"),
                        integer("histogram", 0, 0, 1000, false,
                                "bins of a histogram of the whole first-layer spectrum (0: none; needs D <= 4000)"))),
                new Kind(ShallowSpectralSpec.KIND, "Shallow (two-layer) spectral estimator: one spectral step on the "
                        + "input's degree-2q Hermite features, no intermediate layer; the depth-separation baseline.",
                        "SCIENCE.md 4; P3", List.of(
                        name(),
                        new Parameter("directions", "integer|auto|all", false, "all", 1.0, 10_000.0,
                                List.of("auto", "all"), "eigenpairs of the moment operator kept; all = no truncation"),
                        integer("iterations", 30, 1, 10_000, false, "cap on block power iterations"),
                        integer("oversample", 10, 0, 1000, false, "extra block columns"),
                        number("tolerance", 1e-6, 0, 1, "relative residual that stops the iteration"))),
                new Kind(KernelRidgeSpec.KIND, "Kernel ridge regression on the inputs, ridge lambda*n.",
                        "SCIENCE.md 4 Baselines", List.of(
                        name(),
                        new Parameter("kernel", "object", false, "{\"kind\":\"rbf\"}", null, null, SpecParser.KERNELS,
                                "{kind: rbf (median heuristic) | polynomial (1 + x.x'/d)^degree | quadratic | arccos, degree}"),
                        ridge(1e-4),
                        integer("maxTrain", 4000, 10, 40_000, false, "training samples used at most (reported when it bites)"))),
                new Kind(RandomFeaturesSpec.KIND, "Lazy random features: random layers of width P, ridge readout.",
                        "SCIENCE.md 4 Baselines", List.of(
                        name(),
                        integer("width", 2048, 1, SpecParser.MAX_WIDTH, false, "features per random layer"),
                        choice("activation", "relu", SpecParser.ACTIVATIONS, "activation"),
                        integer("depth", 1, 1, 10, false, "number of random layers"),
                        ridge(1e-3))),
                new Kind(RidgeSpec.KIND, "Ridge regression with intercept on the raw inputs.", "SCIENCE.md 4 Baselines",
                        List.of(name(), ridge("loo"))),
                new Kind(NeuralLofiSpec.KIND, "Neural LoFi: per layer a random expansion Z = act(h W / c)/sqrt(P), the "
                        + "signed covariance (1/n) Z^T diag(y) Z, its top-K eigenvectors by |lambda|, h <- Z V; "
                        + "ridge readout with intercept. limit kernel: arc-cosine kernels, G^1/2 diag(y) G^1/2 in sample space.",
                        "SCIENCE.md 4; P2 arXiv 2605.13612", List.of(
                        name(),
                        new Parameter("layers", "array", false,
                                "[{width: 2048, directions: 16, activation: relu}, {width: 2048, activation: relu}]",
                                null, null, null,
                                "1-10 layers {width (1.." + SpecParser.MAX_LOFI_WIDTH + ", default 2048; ignored in the kernel limit), "
                                        + "directions (K kept; absent: no reduction), activation (default relu; relu only in the kernel limit)}"),
                        bool("centered", true, "subtract the training means of y and of Z's columns before forming C "
                                + "(false: the reference code's uncentred covariance)"),
                        choice("limit", "finite", List.of("finite", "kernel"), "finite width, or the P -> infinity kernel limit"),
                        ridge("loo"),
                        integer("maxTrain", 4000, 10, SpecParser.MAX_KERNEL_TRAIN, false,
                                "kernel limit only: training samples used at most (n x n matrices; reported when it bites)"),
                        integer("histogram", 32, 0, 1000, false, "bins of each layer's eigenvalue histogram (0: none)"),
                        bool("split", false, "finite width only: layers fitted on the first half of the samples, "
                                + "the readout on the second half"))),
                new Kind(DeepNngpSpec.KIND, "Deep NNGP: the arc-cosine (ReLU) kernel composed depth times, kernel ridge "
                        + "with intercept; the infinite-width limit of random-features with the same depth.",
                        "SCIENCE.md 4 Baselines; Cho and Saul 2009", List.of(
                        name(),
                        integer("depth", 2, 1, 10, false, "number of composed arc-cosine layers"),
                        ridge("loo"),
                        integer("maxTrain", 4000, 10, SpecParser.MAX_KERNEL_TRAIN, false,
                                "training samples used at most (the n x n kernel; reported when it bites)"))));
    }

    /**
     * The fields of one {@code expect} entry (GET /expectations): what a CI gate can check, and
     * how the tolerance reads.
     */
    public static Kind expectation() {
        return new Kind("expectation", "One CI check of a result: |actual - expected| <= tolerance (absolute), or "
                + "<= relativeTolerance * |expected|. expected is value, or the same quantity of the baseline "
                + "experiment of this spec's name (against: baseline). A missing quantity or baseline fails the check "
                + "with a reason.", "CONTRACT.md expect; README CI usage", List.of(
                new Parameter("estimator", "string", true, null, null, null, null, "name of an estimator of this spec"),
                new Parameter("quantity", "string", true, null, null, null, SpecParser.expectationQuantities(),
                        "exponent: fitted slope of fit.metric; crossing: n where cos2 of direction reaches 0.5; "
                                + "a curve metric: its seed mean at n"),
                integer("direction", null, 1, 100_000, false, "teacher direction (1 = strongest); crossing only"),
                integer("n", null, 2, SpecParser.MAX_N, false, "sample size of the sweep; curve metrics only"),
                new Parameter("value", "number", false, null, -1e12, 1e12, null,
                        "expected value; required unless against is baseline, not allowed then"),
                new Parameter("tolerance", "number", false, null, 0.0, 1e12, null,
                        "allowed absolute deviation; this or relativeTolerance is required"),
                new Parameter("relativeTolerance", "number", false, null, 0.0, 1e6, null,
                        "allowed deviation as a fraction of |expected| (0.1 = 10%); the spec as run writes it as "
                                + "tolerance with relative: true"),
                bool("relative", false, "tolerance is a fraction of |expected|"),
                choice("against", "value", List.of("value", "baseline"),
                        "baseline: compare with the baseline experiment (POST /experiments/{id}/baseline; "
                                + "run --baseline RESULT.json on the command line)")));
    }

    private static Parameter name() {
        return new Parameter("name", "string", false, null, null, null, null,
                "label in curves, fits and expectations; defaults to the kind");
    }

    private static Parameter directions() {
        return new Parameter("directions", "integer|auto", false, "p of the teacher (10 without planted directions)",
                1.0, 10_000.0, List.of("auto", "all"),
                "directions kept; \"auto\" keeps those outside the estimated bulk edge");
    }

    private static Parameter ridge(Object fallback) {
        return new Parameter("ridge", "number|loo", false, fallback, 0.0, 1e12, List.of("loo"),
                "ridge penalty, or \"loo\" for exact leave-one-out over 1e-6..1e6");
    }

    private static Parameter integer(String name, @Nullable Integer fallback, double min, double max, boolean required,
            String description) {
        return new Parameter(name, "integer", required, fallback, min, max, null, description);
    }

    private static Parameter number(String name, double fallback, double min, double max, String description) {
        return new Parameter(name, "number", false, fallback, min, max, null, description);
    }

    private static Parameter bool(String name, boolean fallback, String description) {
        return new Parameter(name, "boolean", false, fallback, null, null, null, description);
    }

    private static Parameter choice(String name, String fallback, List<String> allowed, String description) {
        return new Parameter(name, "string", false, fallback, null, null, allowed, description);
    }
}
