package cascade.engine.spec;

import cascade.engine.EstimatorKind;
import cascade.engine.Kinds;
import cascade.engine.TeacherKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The kinds a spec may name, with every parameter's type, default and limits, so a client or the
 * dashboard can build a form without reading code (GET /estimators, GET /teachers). The entries
 * come from the kinds' declared parameters ({@link Param}), the same declarations the parser
 * reads with, so a documented default is the default.
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

    /** Every teacher kind of {@link Kinds#TEACHERS}. */
    public static List<Kind> teachers() {
        return Kinds.TEACHERS.stream().map(TeacherKind::catalogEntry).toList();
    }

    /** Every estimator kind of {@link Kinds#ESTIMATORS}. */
    public static List<Kind> estimators() {
        return Kinds.ESTIMATORS.stream().map(EstimatorKind::catalogEntry).toList();
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

    private static Parameter integer(String name, @Nullable Integer fallback, double min, double max, boolean required,
            String description) {
        return new Parameter(name, "integer", required, fallback, min, max, null, description);
    }

    private static Parameter bool(String name, boolean fallback, String description) {
        return new Parameter(name, "boolean", false, fallback, null, null, null, description);
    }

    private static Parameter choice(String name, String fallback, List<String> allowed, String description) {
        return new Parameter(name, "string", false, fallback, null, null, allowed, description);
    }
}
