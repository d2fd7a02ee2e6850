package cascade.engine;

import cascade.engine.kernel.KernelRidgeKind;
import cascade.engine.kernel.RandomFeaturesKind;
import cascade.engine.kernel.RidgeKind;
import cascade.engine.lofi.DeepNngpKind;
import cascade.engine.lofi.NeuralLofiKind;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spectral.HierarchicalSpectralKind;
import cascade.engine.spectral.ShallowSpectralKind;
import cascade.engine.teacher.DatasetTeacherKind;
import cascade.engine.teacher.HierarchicalTeacherKind;
import cascade.engine.teacher.SightTeacherKind;
import cascade.engine.teacher.ThreeLevelTeacherKind;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The registry: every estimator and teacher kind this build runs, one line each, in the order
 * GET /estimators and GET /teachers list them. The spec parser and writer, the catalog, the memory
 * estimate, the dataset checks, the token limits and the contract tests all iterate these lists,
 * so adding an estimator is its package plus one line here (README, "How it works").
 */
public final class Kinds {

    public static final List<EstimatorKind<?>> ESTIMATORS = List.of(
            new HierarchicalSpectralKind(),
            new ShallowSpectralKind(),
            new KernelRidgeKind(),
            new RandomFeaturesKind(),
            new RidgeKind(),
            new NeuralLofiKind(),
            new DeepNngpKind());

    public static final List<TeacherKind<?>> TEACHERS = List.of(
            new HierarchicalTeacherKind(),
            new ThreeLevelTeacherKind(),
            new SightTeacherKind(),
            new DatasetTeacherKind());

    private Kinds() {
    }

    /** The estimator kind named {@code kind}, or null when this build has none. */
    public static @Nullable EstimatorKind<?> estimator(String kind) {
        return find(ESTIMATORS, EstimatorKind::kind, kind);
    }

    /** The kind of an estimator spec. */
    public static EstimatorKind<?> of(EstimatorSpec spec) {
        EstimatorKind<?> kind = estimator(spec.kind());
        if (kind == null || !kind.specType().isInstance(spec)) {
            throw new IllegalArgumentException("no registered estimator kind for " + spec.getClass().getName());
        }
        return kind;
    }

    /** The teacher kind named {@code kind}, or null when this build has none. */
    public static @Nullable TeacherKind<?> teacher(String kind) {
        return find(TEACHERS, TeacherKind::kind, kind);
    }

    /** The kind of a teacher spec. */
    public static TeacherKind<?> of(TeacherSpec spec) {
        TeacherKind<?> kind = teacher(spec.kind());
        if (kind == null || !kind.specType().isInstance(spec)) {
            throw new IllegalArgumentException("no registered teacher kind for " + spec.getClass().getName());
        }
        return kind;
    }

    /** Kind names joined by ", ", for messages. */
    public static <K> String names(List<K> kinds, Function<K, String> name) {
        return kinds.stream().map(name).collect(Collectors.joining(", "));
    }

    private static <K> @Nullable K find(List<K> kinds, Function<K, String> name, String kind) {
        for (K k : kinds) {
            if (name.apply(k).equals(kind)) {
                return k;
            }
        }
        return null;
    }
}
