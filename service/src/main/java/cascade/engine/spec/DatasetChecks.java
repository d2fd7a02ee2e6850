package cascade.engine.spec;

import cascade.engine.Kinds;
import cascade.engine.Requires;
import cascade.engine.TeacherKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a spec's estimators against its teacher: each estimator kind's
 * {@link Requires requirement} (the spectral kinds need a synthetic teacher's inputs), and, at
 * submission, a dataset teacher against the stored dataset it names.
 */
final class DatasetChecks {

    private DatasetChecks() {
    }

    /**
     * Names every estimator whose kind cannot learn a teacher of {@code teacherKind}.
     *
     * @param teacher the parsed teacher, or null when it was bad
     */
    static void estimators(List<EstimatorSpec> estimators, TeacherKind<?> teacherKind, @Nullable TeacherSpec teacher,
            List<FieldError> errors) {
        String rawInputKinds = Kinds.names(Kinds.ESTIMATORS.stream()
                .filter(k -> k.requirement() == Requires.ANY_TEACHER).toList());
        for (int i = 0; i < estimators.size(); i++) {
            EstimatorSpec e = estimators.get(i);
            String refusal = Kinds.of(e).requirement().refusal(e.kind(), teacherKind, teacher, rawInputKinds);
            if (refusal != null) {
                errors.add(new FieldError("estimators[" + i + "].kind", refusal));
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
