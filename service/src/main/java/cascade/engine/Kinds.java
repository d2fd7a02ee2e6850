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
        return find(ESTIMATORS, kind);
    }

    /** The kind of an estimator spec. */
    public static EstimatorKind<?> of(EstimatorSpec spec) {
        return registered(estimator(spec.kind()), spec);
    }

    /** The teacher kind named {@code kind}, or null when this build has none. */
    public static @Nullable TeacherKind<?> teacher(String kind) {
        return find(TEACHERS, kind);
    }

    /** The kind of a teacher spec. */
    public static TeacherKind<?> of(TeacherSpec spec) {
        return registered(teacher(spec.kind()), spec);
    }

    /** Kind names joined by ", ", for messages. */
    public static String names(List<? extends Descriptor<?>> kinds) {
        return kinds.stream().map(Descriptor::kind).collect(Collectors.joining(", "));
    }

    private static <K extends Descriptor<?>> @Nullable K find(List<K> kinds, String kind) {
        return kinds.stream().filter(k -> k.kind().equals(kind)).findFirst().orElse(null);
    }

    private static <K extends Descriptor<?>> K registered(@Nullable K kind, Object spec) {
        if (kind == null || !kind.specType().isInstance(spec)) {
            throw new IllegalArgumentException("no registered kind for " + spec.getClass().getName());
        }
        return kind;
    }
}
