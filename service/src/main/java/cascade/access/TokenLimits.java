package cascade.access;

import cascade.engine.Kinds;
import cascade.engine.SizeField;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Per-token limits; null means unlimited.
 *
 * @param maxQueuedRuns runs of this owner that may wait or run at once (QUEUED + RUNNING), the
 *                      new submission's runs included
 * @param maxN          largest training sample size a sweep may ask for
 * @param maxWidth      largest width of a random layer: every size field an estimator kind declares
 *                      as {@link SizeField.Limit#WIDTH} (random-features width, finite neural-lofi
 *                      layer widths)
 * @param maxTestN      largest test sample size
 */
public record TokenLimits(@Nullable Integer maxQueuedRuns, @Nullable Integer maxN, @Nullable Integer maxWidth,
        @Nullable Integer maxTestN) {

    public static final TokenLimits NONE = new TokenLimits(null, null, null, null);

    public TokenLimits {
        requireAtLeast("maxQueuedRuns", maxQueuedRuns, 0);
        requireAtLeast("maxN", maxN, 1);
        requireAtLeast("maxWidth", maxWidth, 1);
        requireAtLeast("maxTestN", maxTestN, 1);
    }

    /**
     * Checks a submission against these limits: resources first (a spec that can never pass is
     * refused regardless of load), then the queue quota.
     *
     * @param activeRuns the owner's QUEUED + RUNNING runs right now (read only when a quota is set)
     * @throws LimitExceededException naming every field over its limit
     * @throws QuotaExceededException when the new runs would take the owner over maxQueuedRuns
     */
    public void check(ExperimentSpec spec, LongSupplier activeRuns) {
        List<FieldError> errors = new ArrayList<>();
        if (maxN != null) {
            List<Integer> ns = spec.sweep().n();
            for (int i = 0; i < ns.size(); i++) {
                if (ns.get(i) > maxN) {
                    errors.add(new FieldError("sweep.n[" + i + "]", ns.get(i) + " exceeds this token's maxN " + maxN));
                }
            }
        }
        List<EstimatorSpec> estimators = spec.estimators();
        for (int i = 0; i < estimators.size(); i++) {
            for (SizeField size : Kinds.of(estimators.get(i)).sizeFields(estimators.get(i))) {
                Integer limit = limitOn(size.limit());
                if (limit != null && size.value() > limit) {
                    errors.add(new FieldError("estimators[" + i + "]." + size.field(),
                            size.value() + " exceeds this token's " + name(size.limit()) + " " + limit));
                }
            }
        }
        if (maxTestN != null && spec.test().n() > maxTestN) {
            errors.add(new FieldError("test.n", spec.test().n() + " exceeds this token's maxTestN " + maxTestN));
        }
        if (!errors.isEmpty()) {
            throw new LimitExceededException(errors);
        }
        long requested = (long) spec.estimators().size() * spec.sweep().n().size() * spec.sweep().seeds().size();
        if (maxQueuedRuns != null) {
            long current = activeRuns.getAsLong();
            if (current + requested > maxQueuedRuns) {
                throw new QuotaExceededException(maxQueuedRuns, current, requested);
            }
        }
    }

    /** The limit on the size fields of this kind, null when there is none. */
    private @Nullable Integer limitOn(SizeField.Limit kind) {
        return switch (kind) {
            case WIDTH -> maxWidth;
            case KERNEL_TRAIN -> null; // no token limit yet: the memory budget bounds the n x n kernels
        };
    }

    private static String name(SizeField.Limit kind) {
        return switch (kind) {
            case WIDTH -> "maxWidth";
            case KERNEL_TRAIN -> "maxKernelTrain";
        };
    }

    private static void requireAtLeast(String field, @Nullable Integer value, int min) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min);
        }
    }
}
