package cascade.engine;

import cascade.engine.features.FeatureMap;
import cascade.engine.spec.DatasetShape;
import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.ThreeLevelTeacher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Peak memory of one run (estimator, n) of a spec, in bytes, from the spec alone: what
 * {@link Engine#run} and the estimator allocate, heap and native (JavaCPP copies and LAPACKE
 * workspaces live outside the heap but in the same process). It is checked before a run starts
 * ({@link #requireFits}): at submission and by the command line.
 *
 * <p>A run holds its samples for its whole length (<b>resident</b> terms) and goes through
 * <b>phases</b> whose temporaries do not coexist; the estimate is the resident terms plus the
 * largest phase, and {@link #terms()} lists exactly the terms summed. Doubles are 8 bytes, floats 4,
 * ints 4. Notation ({@link Shape}): n training rows, d the input dimension the estimators see
 * ({@code teacher.inputDimension()}), D the feature dimension of the first layer (d(d+1)/2 for
 * Hermite-2 inputs, C(d+2,3) for Hermite-3, D itself for gaussian-equivalent inputs), m the test
 * rows, p the planted directions.
 *
 * <p>Resident, here for every estimator:
 * <ul>
 * <li>training samples: n x d inputs + 3n labels (raw, standardised, and a raw copy for the
 *     metrics; an upper bound where the engine keeps two). Where a process-wide sample cache keeps
 *     one seed's largest draw and serves smaller n as a prefix, the largest run pays this once for
 *     the smaller runs of its seed, which is why the check is on the largest run;</li>
 * <li>test samples: m x d + 3m, the same way;</li>
 * <li>teacher: its planted directions p x D (three-level: + p2 x p1(p1+1)/2).</li>
 * </ul>
 *
 * <p>Phases come from the estimator's kind ({@link EstimatorKind#memoryPhases}), whose Javadoc
 * lists them. Every LAPACK call on a {@code double[]} costs the heap array, JavaCPP's native copy
 * of it, and LAPACKE's row-major transpose: 3 N^2 for an N x N matrix, plus the routine's
 * workspace; dsyevd with vectors 2 N^2 + 6N + 1 doubles and 5N + 3 ints, so an eigendecomposition
 * of an N x N matrix held by its caller peaks at 6 N^2 with the caller's copy and the clone
 * {@code Blas.eigh} makes. Estimators that return planted-direction estimates add the "metrics"
 * phase ({@link Shape#metrics}): the test features m x D and m x 2p of recovered and planted
 * latent features. Small items (vectors of length n or D, k x k matrices) are left out: they are
 * below the precision of the large terms.
 *
 * @param estimator the estimator's name
 * @param n         training rows
 * @param phase     the phase whose temporaries make the peak
 * @param terms     resident terms then the peak phase's terms, each in bytes; they sum to {@link #bytes()}
 */
public record MemoryEstimate(String estimator, int n, String phase, List<Term> terms) {

    /** Bytes of a double and of a float. */
    public static final long DOUBLE = 8;
    public static final long FLOAT = 4;

    /** One summand: a named buffer or group of buffers, in bytes. */
    public record Term(String name, long bytes) {
    }

    /** One phase of a run: temporaries that live together, each in bytes. */
    public record Phase(String name, List<Term> terms) {

        public Phase {
            terms = List.copyOf(terms);
        }

        long bytes() {
            return terms.stream().mapToLong(Term::bytes).sum();
        }
    }

    /**
     * The sizes of one run that memory terms are written in.
     *
     * @param n        training rows
     * @param d        input dimension the estimators see
     * @param dim      D, the first layer's feature dimension
     * @param identity whether the inputs already are the features (gaussian-equivalent inputs)
     * @param m        test rows
     * @param p        planted directions (0: none)
     */
    public record Shape(long n, long d, long dim, boolean identity, long m, long p) {

        /** The metrics phase of an estimator that returns {@code kept} directions: none without planted ones. */
        public Phase metrics(long kept) {
            if (p == 0) {
                return new Phase("metrics", List.of());
            }
            return new Phase("metrics", List.of(new Term("test features m x D + m x (kept + p)",
                    DOUBLE * (m * dim + m * (kept + p)))));
        }
    }

    public MemoryEstimate {
        terms = List.copyOf(terms);
    }

    /** The estimated peak in bytes: the sum of {@link #terms()}. */
    public long bytes() {
        return terms.stream().mapToLong(Term::bytes).sum();
    }

    /** The {@code count} largest terms, largest first. */
    public List<Term> largestTerms(int count) {
        return terms.stream().filter(t -> t.bytes() > 0).sorted(Comparator.comparingLong(Term::bytes).reversed())
                .limit(count).toList();
    }

    /**
     * The default per-run budget: three quarters of this JVM's maximum heap ({@code -Xmx}). Not the
     * whole heap, so a second worker's run and the service itself keep room; not half, because a
     * run's largest terms are usually its samples, which the sample cache shares between the
     * concurrent runs of a seed, and the JavaCPP/LAPACKE copies counted here live outside the heap.
     */
    public static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / 4 * 3;
    }

    /** The run of {@code spec}'s estimator {@code estimatorIndex} on n training rows (a synthetic teacher). */
    public static MemoryEstimate of(ExperimentSpec spec, int estimatorIndex, int n) {
        return of(spec, estimatorIndex, n, null);
    }

    /**
     * The run of {@code spec}'s estimator {@code estimatorIndex} on n training rows; {@code dataset}
     * is the stored dataset's shape when the teacher is a dataset (required then: its columns are
     * the input dimension, and the loaded dataset is resident in the worker).
     */
    public static MemoryEstimate of(ExperimentSpec spec, int estimatorIndex, int n, @Nullable DatasetShape dataset) {
        return estimate(spec, spec.estimators().get(estimatorIndex), n, dataset);
    }

    /** The largest run of the spec: every estimator at the sweep's largest n, the largest estimate. */
    public static MemoryEstimate largest(ExperimentSpec spec) {
        MemoryEstimate best = null;
        for (int e = 0; e < spec.estimators().size(); e++) {
            MemoryEstimate m = of(spec, e, spec.sweep().largestN(), null);
            if (best == null || m.bytes() > best.bytes()) {
                best = m;
            }
        }
        return best;
    }

    /**
     * The largest n (at most the sweep's largest) whose run of estimator {@code estimatorIndex} fits
     * the budget, or 0 when not even n = 1 fits (the test set or the teacher alone is too large).
     * The estimate grows with n, so this is a bisection.
     */
    public static int largestFittingN(ExperimentSpec spec, int estimatorIndex, long budget) {
        return largestFittingN(spec, estimatorIndex, budget, null);
    }

    private static int largestFittingN(ExperimentSpec spec, int estimatorIndex, long budget,
            @Nullable DatasetShape dataset) {
        int hi = spec.sweep().largestN();
        if (of(spec, estimatorIndex, hi, dataset).bytes() <= budget) {
            return hi;
        }
        int lo = 0;
        while (hi - lo > 1) {
            int mid = (int) (((long) lo + hi) >>> 1);
            if (of(spec, estimatorIndex, mid, dataset).bytes() <= budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Throws {@link MemoryBudgetExceededException} when some run of the spec would need more than
     * {@code budget} bytes, naming for every estimator over budget the largest n that would fit.
     */
    public static void requireFits(ExperimentSpec spec, long budget) {
        requireFits(spec, budget, null);
    }

    /**
     * As {@link #requireFits(ExperimentSpec, long)}, for any teacher: a dataset teacher is estimated
     * with the stored dataset's {@code dataset} shape (its columns are the inputs, its rows are
     * resident once loaded), so a dataset run is checked before anything is allocated.
     *
     * @throws IllegalArgumentException for a dataset teacher without its shape
     */
    public static void requireFits(ExperimentSpec spec, long budget, @Nullable DatasetShape dataset) {
        List<MemoryBudgetExceededException.Fit> fits = new ArrayList<>();
        MemoryEstimate worst = null;
        for (int e = 0; e < spec.estimators().size(); e++) {
            MemoryEstimate m = of(spec, e, spec.sweep().largestN(), dataset);
            if (m.bytes() > budget) {
                if (worst == null || m.bytes() > worst.bytes()) {
                    worst = m;
                }
                fits.add(new MemoryBudgetExceededException.Fit(m.estimator(),
                        largestFittingN(spec, e, budget, dataset), m.bytes()));
            }
        }
        if (worst != null) {
            throw new MemoryBudgetExceededException(worst, budget, fits);
        }
    }

    /** "2.1 GiB" and the like. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Resident samples and teacher (and a dataset), then the largest phase of the estimator's kind. */
    private static MemoryEstimate estimate(ExperimentSpec spec, EstimatorSpec est, long n,
            @Nullable DatasetShape dataset) {
        TeacherSpec teacher = spec.teacher();
        List<Term> terms = new ArrayList<>();
        Shape shape;
        if (teacher instanceof DatasetTeacher t) {
            if (dataset == null) {
                throw new IllegalArgumentException("the memory of a run on dataset " + t.id()
                        + " needs the dataset's shape");
            }
            // A dataset has no Hermite feature map: the estimators see its columns.
            long d = dataset.columns();
            shape = new Shape(n, d, d, true, Math.min(spec.test().n(), t.testRows(dataset.rows())),
                    teacher.plantedDirections());
            terms.add(new Term("dataset rows x columns + labels, as the worker loads it",
                    DOUBLE * ((long) dataset.rows() * dataset.columns() + dataset.rows())));
        } else {
            FeatureMap map = teacher.featureMap();
            shape = new Shape(n, teacher.inputDimension(), map.outputDimension(), map.isIdentity(), spec.test().n(),
                    teacher.plantedDirections());
        }
        long d = shape.d();
        long m = shape.m();
        terms.add(new Term("training samples n x d + 3n labels", DOUBLE * (n * d + 3 * n)));
        terms.add(new Term("test samples m x d + 3m labels", DOUBLE * (m * d + 3 * m)));
        long weights = shape.p() * shape.dim();
        if (teacher instanceof ThreeLevelTeacher t) {
            weights += (long) t.p2() * t.p1() * (t.p1() + 1) / 2;
        }
        terms.add(new Term("teacher directions p x D", DOUBLE * weights));
        Phase peak = Kinds.of(est).memoryPhases(est, shape).stream().max(Comparator.comparingLong(Phase::bytes))
                .orElseThrow();
        terms.addAll(peak.terms());
        return new MemoryEstimate(est.name(), (int) n, peak.name(), terms);
    }
}
