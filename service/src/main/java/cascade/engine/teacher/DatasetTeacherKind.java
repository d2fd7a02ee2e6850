package cascade.engine.teacher;

import cascade.engine.TeacherKind;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.spec.Catalog;
import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.LabelMapping;
import cascade.engine.spec.Param;
import cascade.engine.spec.Tree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The {@code dataset} teacher: a {@link DatasetModel} over an uploaded dataset. The checks against
 * the stored dataset (it exists, n fits, the classes occur) are {@code DatasetChecks}', at
 * submission.
 */
public final class DatasetTeacherKind extends TeacherKind<DatasetTeacher> {

    private static final Param<DatasetTeacher, String> ID = Param.of(new Catalog.Parameter("id", "string", true, null,
            null, null, null, "the dataset's id (POST /datasets; on the command line the ID of --dataset ID=path)"),
            (t, key, f) -> t.string(key, f), "", DatasetTeacher::id);
    private static final Param<DatasetTeacher, LabelMapping> LABELS = Param.of(new Catalog.Parameter("labels",
            "string|object", false, "raw", null, null, List.of("raw", "binary", "preset:cifar10-animal-vs-vehicle"),
            "\"raw\" (as given), {\"binary\": {\"positive\": [classes]}} (+1 / -1), or "
                    + "{\"preset\": \"cifar10-animal-vs-vehicle\"} (classes 2-7 bird, cat, deer, "
                    + "dog, frog, horse +1; 0, 1, 8, 9 airplane, automobile, ship, truck -1)"),
            DatasetTeacherKind::readLabels, new LabelMapping.Raw(), d -> writeLabels(d.labels()));
    private static final Param<DatasetTeacher, Boolean> STANDARDIZE = Param.bool("standardize", true,
            DatasetTeacher::standardize, "standardise each feature with the training split's mean and std");
    private static final Param<DatasetTeacher, Double> TEST_FRACTION = Param.number("testFraction", 0.2, 0.01, 0.99,
            DatasetTeacher::testFraction, "share of rows held out for testing (the test set is its first test.n rows)");

    public DatasetTeacherKind() {
        super(DatasetTeacher.KIND, DatasetTeacher.class, false,
                "An uploaded dataset (POST /datasets): rows split by seed into a held-out test set and nested "
                        + "training prefixes; features standardised with training statistics. Runs report nmse, mse "
                        + "and, for binary labels, classificationError. Estimators on raw inputs only (kernel-ridge, "
                        + "random-features, ridge; not the spectral ones).",
                "SCIENCE.md 5; P2 arXiv 2605.13612 (CIFAR-10 animal vs vehicle)",
                List.of(ID, LABELS, STANDARDIZE, TEST_FRACTION));
    }

    @Override
    protected @Nullable DatasetTeacher read(Tree t) {
        int before = t.errors().size();
        String id = "";
        if (!t.has("id")) {
            t.error("id", "is required: the id of an uploaded dataset");
        } else {
            id = ID.read(t);
            if (!id.matches("[A-Za-z0-9._\\-]{1,100}")) {
                t.error("id", "must be 1-100 letters, digits, '.', '_' or '-'");
            }
        }
        LabelMapping labels = LABELS.read(t);
        boolean standardize = STANDARDIZE.read(t);
        double testFraction = TEST_FRACTION.read(t);
        return t.errors().size() > before ? null : new DatasetTeacher(id, labels, standardize, testFraction);
    }

    private static LabelMapping readLabels(Tree t, String key, LabelMapping fallback) {
        Object raw = t.raw(key);
        if (raw == null || "raw".equals(raw)) {
            return fallback;
        }
        if (raw instanceof String) {
            t.error(key, "must be \"raw\", {\"binary\": {\"positive\": [...]}} or {\"preset\": name}");
            return fallback;
        }
        Tree lt = t.object(key);
        if (lt == null) {
            return fallback;
        }
        LabelMapping mapping = fallback;
        if (lt.has("binary") && lt.has("preset")) {
            lt.error("preset", "give either binary or preset, not both");
        } else if (lt.has("binary")) {
            Tree bt = lt.object("binary");
            if (bt != null) {
                mapping = binary(bt);
            }
        } else if (lt.has("preset")) {
            String preset = lt.string("preset", "");
            if (!LabelMapping.PRESETS.containsKey(preset)) {
                lt.error("preset", "must be one of " + String.join(", ", new TreeSet<>(LabelMapping.PRESETS.keySet())));
            } else {
                mapping = new LabelMapping.Binary(LabelMapping.PRESETS.get(preset), preset);
            }
        } else {
            lt.error("binary", "give binary {positive: [...]} or preset");
        }
        lt.finish();
        return mapping;
    }

    private static LabelMapping binary(Tree bt) {
        if (!bt.has("positive")) {
            bt.error("positive", "is required: the class labels mapped to +1");
        }
        List<Double> positive = bt.list("positive", 1000, item -> {
            if (item.value() instanceof Number n && Double.isFinite(n.doubleValue())) {
                return n.doubleValue();
            }
            item.error("must be a number (a class label)");
            return null;
        });
        if (bt.has("positive") && positive.isEmpty() && bt.raw("positive") instanceof List<?> l && l.isEmpty()) {
            bt.error("positive", "must name at least one class");
        }
        bt.finish();
        return new LabelMapping.Binary(new ArrayList<>(new TreeSet<>(positive)), null);
    }

    /** "raw", {preset: name} or {binary: {positive: [...]}}; mutable maps, as the whole spec as run. */
    private static Object writeLabels(LabelMapping labels) {
        return switch (labels) {
            case LabelMapping.Raw raw -> "raw";
            case LabelMapping.Binary b when b.preset() != null -> entry("preset", b.preset());
            case LabelMapping.Binary b -> entry("binary", entry("positive",
                    b.positive().stream().map(v -> v == Math.rint(v) ? (Object) v.longValue() : v).toList()));
        };
    }

    private static Map<String, Object> entry(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    @Override
    protected Teacher create(DatasetTeacher spec, long seed, DatasetSource datasets) {
        return new DatasetModel(spec, datasets.load(spec.id()), seed);
    }
}
