package cascade.engine.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Reading and checking the {@code dataset} teacher; kept apart so SpecParser changes stay small. */
final class DatasetChecks {

    /**
     * Estimators that need the Hermite (or Gaussian-equivalent) inputs of a synthetic teacher: their
     * first-layer operator M = (1/n) sum y (z z^T - I) assumes E[z z^T] = I, which standardised real
     * features do not satisfy (correlated pixels put spikes into M that have nothing to do with y),
     * and degree-2 features of d = 3072 CIFAR inputs would be D = 4.7 million wide.
     */
    static final Set<String> HERMITE_INPUT_KINDS = Set.of(HierarchicalSpectralSpec.KIND, ShallowSpectralSpec.KIND);

    private DatasetChecks() {
    }

    static @Nullable DatasetTeacher teacher(Tree t) {
        int before = t.errors().size();
        String id = "";
        if (!t.has("id")) {
            t.error("id", "is required: the id of an uploaded dataset");
        } else {
            id = t.string("id", "");
            if (!id.matches("[A-Za-z0-9._\\-]{1,100}")) {
                t.error("id", "must be 1-100 letters, digits, '.', '_' or '-'");
            }
        }
        LabelMapping labels = labels(t);
        boolean standardize = t.bool("standardize", true);
        double testFraction = t.number("testFraction", 0.2, 0.01, 0.99);
        return t.errors().size() > before ? null : new DatasetTeacher(id, labels, standardize, testFraction);
    }

    private static LabelMapping labels(Tree t) {
        Object raw = t.raw("labels");
        if (raw == null || "raw".equals(raw)) {
            return new LabelMapping.Raw();
        }
        if (raw instanceof String) {
            t.error("labels", "must be \"raw\", {\"binary\": {\"positive\": [...]}} or {\"preset\": name}");
            return new LabelMapping.Raw();
        }
        Tree lt = t.object("labels");
        if (lt == null) {
            return new LabelMapping.Raw();
        }
        LabelMapping mapping = new LabelMapping.Raw();
        if (lt.has("binary") && lt.has("preset")) {
            lt.error("preset", "give either binary or preset, not both");
        } else if (lt.has("binary")) {
            Tree bt = lt.object("binary");
            if (bt != null) {
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
                mapping = new LabelMapping.Binary(new ArrayList<>(new TreeSet<>(positive)), null);
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

    static void estimators(List<EstimatorSpec> estimators, List<FieldError> errors) {
        for (int i = 0; i < estimators.size(); i++) {
            if (HERMITE_INPUT_KINDS.contains(estimators.get(i).kind())) {
                errors.add(new FieldError("estimators[" + i + "].kind", estimators.get(i).kind()
                        + " needs the Hermite or Gaussian inputs of a synthetic teacher and cannot run on a dataset; "
                        + "use an estimator on raw inputs (kernel-ridge, random-features, ridge)"));
            }
        }
    }

    /** The checks that need the stored dataset: it exists, n fits the training rows, the classes occur. */
    static void against(DatasetTeacher d, @Nullable DatasetShape shape, @Nullable SweepSpec sweep,
            List<FieldError> errors) {
        if (shape == null) {
            errors.add(new FieldError("teacher.id", "no dataset with id '" + d.id() + "'"));
            return;
        }
        int train = d.trainRows(shape.rows());
        if (sweep != null && sweep.largestN() > train) {
            errors.add(new FieldError("sweep.n", "n = " + sweep.largestN() + " exceeds the " + train
                    + " training rows of dataset '" + d.id() + "' (" + shape.rows() + " rows, testFraction "
                    + d.testFraction() + ")"));
        }
        if (d.labels() instanceof LabelMapping.Binary b && shape.classes() != null) {
            String field = b.preset() != null ? "teacher.labels.preset" : "teacher.labels.binary.positive";
            if (b.positive().stream().noneMatch(shape.classes()::contains)) {
                errors.add(new FieldError(field, "none of the positive classes " + b.positive()
                        + " occurs among the dataset's labels " + shape.classes()));
            } else if (b.positive().containsAll(shape.classes())) {
                errors.add(new FieldError(field, "every label of the dataset is positive; nothing maps to -1"));
            }
        } else if (d.labels() instanceof LabelMapping.Binary && shape.classes() == null) {
            errors.add(new FieldError("teacher.labels", "a binary mapping needs class labels; the dataset's labels"
                    + " take more than 100 distinct values"));
        }
    }
}
