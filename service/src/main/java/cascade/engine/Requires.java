package cascade.engine;

import cascade.engine.spec.TeacherSpec;
import org.jspecify.annotations.Nullable;

/** What an estimator kind needs of the teacher, each level including the one before. */
public enum Requires {
    /** Raw feature vectors: any teacher, uploaded datasets included. */
    ANY_TEACHER,
    /**
     * The Hermite (or Gaussian-equivalent) inputs of a synthetic teacher. A first-layer operator
     * M = (1/n) sum y (z z^T - I) assumes E[z z^T] = I, which standardised real features do not
     * satisfy (correlated pixels put spikes into M that have nothing to do with y), and degree-2
     * features of d = 3072 CIFAR inputs would be D = 4.7 million wide.
     */
    SYNTHETIC_INPUTS,
    /** A synthetic teacher with planted first-layer directions (not sight). */
    PLANTED_DIRECTIONS;

    /**
     * Why {@code kind} cannot learn a teacher of {@code teacherKind}, or null when it can.
     *
     * @param teacher       the parsed teacher, or null when it was bad (then only its kind is judged)
     * @param rawInputKinds the kinds that run on any teacher, named in the message
     */
    public @Nullable String refusal(String kind, TeacherKind<?> teacherKind, @Nullable TeacherSpec teacher,
            String rawInputKinds) {
        if (this != ANY_TEACHER && !teacherKind.isSynthetic()) {
            return kind + " needs the Hermite or Gaussian inputs of a synthetic teacher and cannot run on a dataset; "
                    + "use an estimator on raw inputs (" + rawInputKinds + ")";
        }
        if (this == PLANTED_DIRECTIONS && teacher != null && teacher.plantedDirections() == 0) {
            return kind + " needs a teacher with planted first-layer directions; " + teacher.kind() + " has none";
        }
        return null;
    }
}
