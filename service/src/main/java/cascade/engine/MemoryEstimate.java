package cascade.engine;

import cascade.engine.features.FeatureMap;
import cascade.engine.spec.DatasetShape;
import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.DirectionRule;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.HierarchicalSpectralSpec;
import cascade.engine.spec.KernelRidgeSpec;
import cascade.engine.spec.RandomFeaturesSpec;
import cascade.engine.spec.RidgeSpec;
import cascade.engine.spec.ShallowSpectralSpec;
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
 * ints 4. Notation: n training rows, d the input dimension the estimators see
 * ({@code teacher.inputDimension()}), D the feature dimension of the first layer (d(d+1)/2 for
 * Hermite-2 inputs, C(d+2,3) for Hermite-3, D itself for gaussian-equivalent inputs), m the test
 * rows, p the planted directions, k = min(D, directions + oversample) the eigen block.
 *
 * <p>Resident:
 * <ul>
 * <li>training samples: n x d inputs + 3n labels (raw, standardised, and a raw copy for the
 *     metrics; an upper bound where the engine keeps two). Where a process-wide sample cache keeps
 *     one seed's largest draw and serves smaller n as a prefix, the largest run pays this once for
 *     the smaller runs of its seed, which is why the check is on the largest run;</li>
 * <li>test samples: m x d + 3m, the same way;</li>
 * <li>teacher: its planted directions p x D (three-level: + p2 x p1(p1+1)/2).</li>
 * </ul>
 *
 * <p>Phases, per estimator (every LAPACK call on a {@code double[]} costs the heap array, JavaCPP's
 * native copy of it, and LAPACKE's row-major transpose: 3 N^2 for an N x N matrix, plus the
 * routine's workspace; dsyevd with vectors 2 N^2 + 6N + 1 doubles and 5N + 3 ints, so an
 * eigendecomposition of an N x N matrix held by its caller peaks at 6 N^2 with the caller's copy
 * and the clone {@code Blas.eigh} makes):
 * <ul>
 * <li>hierarchical-spectral (n1 = n, or n/2 with split; n2 the second-stage rows):
 *   <ul>
 *   <li>feature cache F: n1 x D doubles (float32: 4 bytes), none when the inputs already are the
 *       features (identity map, float64, no split), none when n1 x D exceeds
 *       {@link #FEATURE_CACHE_DOUBLES} (then features are recomputed in batches of
 *       {@link #BATCH} rows: BATCH x (d + D));</li>
 *   <li>"features": F + the construction's n1 x d input copy (+ n1 x D doubles before the float32
 *       conversion);</li>
 *   <li>"eigen": F + either the dense path (D &lt;= max(600, 2 x iterations x k) and D &lt;= 4000):
 *       the D x D operator + max(weighted-Gram scratch: the sqrt|w|-scaled rows, n1 x D, and the
 *       native D x D result; eigendecomposition: 5 D^2 + 6D + (5D + 3)/2) — or block power
 *       iteration: n1 x k (Z V for the whole cached sample) + 5 D x k + the native copy of the
 *       n1 x D feature matrix that JavaCPP's {@code double[]} GEMM makes on every call (BATCH x D
 *       without a cache);</li>
 *   <li>"null bulk" (directions auto): F + a second operator on permuted labels (its cache, n
 *       labels, and its own eigen phase with k = 16 and 60 iterations);</li>
 *   <li>"readout": F + recovered features (n2 + m) x kept + projection batch BATCH x (d + D + kept);
 *       rbf-krr: the K x K kernel solve with K = min(n2, {@link #KRR_READOUT_MAX_TRAIN}), 3 K^2,
 *       and its prediction block.</li>
 *   </ul></li>
 * <li>shallow-spectral: F as above (n1 = n), then directions all (or >= D): the D x D moment + its
 *     weighted-Gram scratch (n x D + D^2), then its eigenvalues (3 D^2); top k: the eigen and
 *     readout phases above.</li>
 * <li>kernel-ridge (u = min(n, maxTrain), or n without a cap): the u x d training copy + the
 *     u x u kernel; fixed ridge: Cholesky, 3 u^2 (the eigen fallback for a singular kernel is not
 *     counted); loo: 6 u^2 + 4 x 25 x u for the grid; prediction: {@link #KERNEL_PREDICT_BLOCK}
 *     doubles of cross-kernel.</li>
 * <li>random-features (width P, depth L): weights d x P + (L - 1) P^2. P &lt;= n (primal):
 *     streaming the Gram in blocks of b = min(n, {@link #RIDGE_BLOCK} / P) rows, b x (2P + d)
 *     + intermediate layers + the P x P native accumulator; solving: fixed 4 P^2, loo 6 P^2
 *     + b x (P + 50). P &gt; n (dual): the n x P features (+ the input copy n x d and intermediate layers), then
 *     either the Gram by SYRK (n^2 heap, n^2 and n x P native copies) or the n x n solve (fixed
 *     3 n^2, loo 6 n^2).</li>
 * <li>ridge: d &lt;= n: primal as random features with P = d and no layers; else the n x d copy and
 *     the dual's Gram and solve as above.</li>
 * <li>"metrics" (planted teachers, estimators that return directions): the test features m x D
 *     and m x 2p of recovered and planted latent features.</li>
 * </ul>
 * Small items (vectors of length n or D, k x k matrices) are left out: they are below the
 * precision of the large terms.
 *
 * @param estimator the estimator's name
 * @param n         training rows
 * @param phase     the phase whose temporaries make the peak
 * @param terms     resident terms then the peak phase's terms, each in bytes; they sum to {@link #bytes()}
 */
public record MemoryEstimate(String estimator, int n, String phase, List<Term> terms) {

    /** Rows per feature batch; equal to SpectralOperator.BATCH (checked by a test). */
    public static final int BATCH = 4096;
    /** Largest feature cache in doubles; equal to SpectralOperator.CACHE_DOUBLES (checked by a test). */
    public static final long FEATURE_CACHE_DOUBLES = 1L << 28;
    /** Training rows of the rbf-krr readout; equal to HierarchicalSpectral.KRR_MAX_TRAIN (checked by a test). */
    public static final int KRR_READOUT_MAX_TRAIN = 3000;
    /** Cross-kernel entries per prediction block; equal to KernelRidge.PREDICT_BLOCK_ELEMENTS (checked by a test). */
    public static final int KERNEL_PREDICT_BLOCK = 1 << 22;
    /** Entries per streamed ridge block; equal to RidgeSolver.BLOCK_ELEMENTS (checked by a test). */
    public static final int RIDGE_BLOCK = 1 << 21;
    /** Largest D of shallow-spectral's dense operator; equal to ShallowSpectral.MAX_DENSE (checked by a test). */
    public static final int SHALLOW_MAX_DENSE = 4000;
    /** Length of the leave-one-out ridge grid (RidgeChoice.looGrid()). */
    static final int LOO_GRID = 25;

    private static final long DOUBLE = 8;
    private static final long FLOAT = 4;

    /** One summand: a named buffer or group of buffers, in bytes. */
    public record Term(String name, long bytes) {
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
        return new Model(spec, spec.estimators().get(estimatorIndex), n, dataset).estimate();
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

    /** The terms of one (spec, estimator, n). */
    private static final class Model {

        private final ExperimentSpec spec;
        private final EstimatorSpec est;
        private final long n;
        private final long d;
        private final long dim;
        private final boolean identity;
        private final long m;
        private final long p;

        private final @Nullable DatasetShape dataset;

        Model(ExperimentSpec spec, EstimatorSpec est, int n, @Nullable DatasetShape dataset) {
            this.spec = spec;
            this.est = est;
            this.n = n;
            this.dataset = dataset;
            if (spec.teacher() instanceof DatasetTeacher t) {
                if (dataset == null) {
                    throw new IllegalArgumentException("the memory of a run on dataset " + t.id()
                            + " needs the dataset's shape");
                }
                // A dataset has no Hermite feature map: the estimators see its columns.
                this.d = dataset.columns();
                this.dim = d;
                this.identity = true;
                this.m = Math.min(spec.test().n(), t.testRows(dataset.rows()));
            } else {
                this.d = spec.teacher().inputDimension();
                FeatureMap map = Estimators.featureMap(spec.teacher());
                this.dim = map.outputDimension();
                this.identity = map.isIdentity();
                this.m = spec.test().n();
            }
            this.p = spec.teacher().plantedDirections();
        }

        MemoryEstimate estimate() {
            List<Term> resident = new ArrayList<>();
            if (dataset != null) {
                resident.add(new Term("dataset rows x columns + labels, as the worker loads it",
                        DOUBLE * ((long) dataset.rows() * dataset.columns() + dataset.rows())));
            }
            resident.add(new Term("training samples n x d + 3n labels", DOUBLE * (n * d + 3 * n)));
            resident.add(new Term("test samples m x d + 3m labels", DOUBLE * (m * d + 3 * m)));
            long teacher = p * dim;
            if (spec.teacher() instanceof ThreeLevelTeacher t) {
                teacher += (long) t.p2() * t.p1() * (t.p1() + 1) / 2;
            }
            resident.add(new Term("teacher directions p x D", DOUBLE * teacher));
            List<Phase> phases = switch (est) {
                case HierarchicalSpectralSpec h -> hierarchical(h);
                case ShallowSpectralSpec s -> shallow(s);
                case KernelRidgeSpec k -> kernelRidge(k);
                case RandomFeaturesSpec r -> randomFeatures(r);
                case RidgeSpec r -> ridge();
                case cascade.engine.spec.NeuralLofiSpec l -> neuralLofi(l);
                case cascade.engine.spec.DeepNngpSpec g -> kernelForm(g.maxTrain());
            };
            Phase peak = phases.stream().max(Comparator.comparingLong(Phase::bytes)).orElseThrow();
            List<Term> terms = new ArrayList<>(resident);
            terms.addAll(peak.terms());
            return new MemoryEstimate(est.name(), (int) n, peak.name(), terms);
        }

        // ---- spectral --------------------------------------------------------------------------

        private List<Phase> hierarchical(HierarchicalSpectralSpec h) {
            long n1 = h.split() ? n / 2 : n;
            long n2 = h.split() ? n - n1 : n;
            boolean single = h.precision() == HierarchicalSpectralSpec.Precision.FLOAT32;
            boolean noCopy = identity && !single && !h.split();
            int block = (int) Math.min(dim, (long) h.directions().maxDirections() + h.oversample());
            long kept = Math.min(block, h.directions().maxDirections());
            Term cache = cache(n1, single, noCopy);
            List<Phase> phases = new ArrayList<>();
            phases.add(features(cache, n1, single, noCopy));
            phases.add(new Phase("eigen", with(cache, eigen(n1, block, h.iterations()))));
            if (h.directions() instanceof DirectionRule.Auto) {
                List<Term> t = new ArrayList<>();
                t.add(cache);
                Term nullCache = cache(n1, single, noCopy);
                t.add(new Term("null-bulk " + nullCache.name() + " + n permuted labels",
                        nullCache.bytes() + DOUBLE * n));
                t.addAll(eigen(n1, (int) Math.min(dim, 16), 60));
                phases.add(new Phase("null bulk", t));
            }
            List<Term> readout = new ArrayList<>();
            readout.add(cache);
            readout.add(new Term("recovered features (n + m) x kept + projection batch",
                    DOUBLE * ((n2 + m) * kept + BATCH * (d + dim + kept))));
            if (h.readout() == HierarchicalSpectralSpec.Readout.RBF_KRR) {
                long u = Math.min(n2, KRR_READOUT_MAX_TRAIN);
                readout.add(new Term("rbf-krr readout kernel " + u + " x " + u + " (Cholesky, 3 copies)",
                        DOUBLE * 3 * u * u));
                readout.add(new Term("rbf-krr prediction block", DOUBLE * KERNEL_PREDICT_BLOCK));
            }
            phases.add(new Phase("readout", readout));
            phases.add(metrics(kept));
            return phases;
        }

        private List<Phase> shallow(ShallowSpectralSpec s) {
            Term cache = cache(n, false, identity);
            List<Phase> phases = new ArrayList<>();
            phases.add(features(cache, n, false, identity));
            if (s.directions() instanceof DirectionRule.All || s.directions().maxDirections() >= dim) {
                if (dim > SHALLOW_MAX_DENSE) {
                    // Refused by the estimator itself at run time; nothing large is allocated.
                    phases.add(new Phase("dense", List.of(cache)));
                    return phases;
                }
                phases.add(new Phase("dense moment", List.of(cache,
                        new Term("operator D x D", DOUBLE * dim * dim),
                        new Term("weighted-Gram scratch n x D + D x D (native)", DOUBLE * (n * dim + dim * dim)))));
                phases.add(new Phase("moment eigenvalues", List.of(cache,
                        new Term("operator D x D", DOUBLE * dim * dim),
                        new Term("eigenvalues: clone, native copy, transpose 3 x D x D", DOUBLE * 3 * dim * dim),
                        new Term("quadratic-form batch 2048 x (d + 2D)", DOUBLE * 2048 * (d + 2 * dim)))));
                return phases;
            }
            int block = (int) Math.min(dim, (long) s.directions().maxDirections() + s.oversample());
            long kept = Math.min(block, s.directions().maxDirections());
            phases.add(new Phase("eigen", with(cache, eigen(n, block, s.iterations()))));
            phases.add(new Phase("readout", List.of(cache, new Term(
                    "recovered features (n + m) x kept + projection batch",
                    DOUBLE * ((n + m) * kept + BATCH * (d + dim + kept))))));
            phases.add(metrics(kept));
            return phases;
        }

        /** The operator's feature cache for n1 rows (see the class comment). */
        private Term cache(long n1, boolean single, boolean noCopy) {
            if (noCopy) {
                return new Term("feature cache: none (the inputs are the features)", 0);
            }
            if (n1 * dim > FEATURE_CACHE_DOUBLES) {
                return new Term("feature batch " + BATCH + " x (d + D) (n x D over the cache limit)",
                        DOUBLE * BATCH * (d + dim));
            }
            return new Term("feature cache n x D" + (single ? " (float32)" : ""), (single ? FLOAT : DOUBLE) * n1 * dim);
        }

        private Phase features(Term cache, long n1, boolean single, boolean noCopy) {
            if (noCopy || n1 * dim > FEATURE_CACHE_DOUBLES) {
                return new Phase("features", List.of(cache));
            }
            List<Term> t = new ArrayList<>();
            t.add(cache);
            t.add(new Term("feature construction: input copy n x d", DOUBLE * n1 * d));
            if (single) {
                t.add(new Term("feature construction: float64 features n x D", DOUBLE * n1 * dim));
            }
            return new Phase("features", t);
        }

        /** TopEigen.compute's choice between the dense eigendecomposition and block power iteration. */
        private List<Term> eigen(long rows, int block, int iterations) {
            if (dim <= Math.max(600, 2L * iterations * block) && dim <= 4000) {
                long gram = DOUBLE * (rows * dim + dim * dim);
                long eig = DOUBLE * (5 * dim * dim + 6 * dim) + 4 * (5 * dim + 3);
                List<Term> t = new ArrayList<>();
                t.add(new Term("operator D x D", DOUBLE * dim * dim));
                t.add(gram >= eig ? new Term("weighted-Gram scratch n x D + D x D (native)", gram)
                        : new Term("eigendecomposition of D x D (clone, native copy, transpose, dsyevd work)", eig));
                return t;
            }
            // Each GEMM against the whole cached (or borrowed) n x D matrix gets a native copy of it
            // from JavaCPP's double[] overload; without a cache the batches are BATCH x D.
            long copied = rows * dim > FEATURE_CACHE_DOUBLES ? (long) BATCH * dim : rows * dim;
            return List.of(new Term("block power: n x k + 5 D x k", DOUBLE * (rows * block + 5 * dim * block)),
                    new Term("native copy of Z per GEMM (JavaCPP) n x D", DOUBLE * copied));
        }

        private Phase metrics(long kept) {
            if (p == 0) {
                return new Phase("metrics", List.of());
            }
            return new Phase("metrics", List.of(new Term("test features m x D + m x (kept + p)",
                    DOUBLE * (m * dim + m * (kept + p)))));
        }

        // ---- baselines -------------------------------------------------------------------------

        private List<Phase> kernelRidge(KernelRidgeSpec k) {
            long u = k.maxTrain() > 0 ? Math.min(n, k.maxTrain()) : n;
            Term x = new Term("training copy u x d", DOUBLE * u * d);
            Term solve = k.ridge().isLeaveOneOut()
                    ? new Term("kernel u x u, leave-one-out eigendecomposition 6 u^2 + grid 4 x 25 u",
                            DOUBLE * (6 * u * u + 4L * LOO_GRID * u))
                    : new Term("kernel u x u, Cholesky 3 u^2 (heap, native copy, transpose)", DOUBLE * 3 * u * u);
            return List.of(new Phase("kernel solve", List.of(x, solve)),
                    new Phase("predict", List.of(x, new Term("cross-kernel block", DOUBLE * KERNEL_PREDICT_BLOCK))));
        }

        private List<Phase> randomFeatures(RandomFeaturesSpec r) {
            long width = r.width();
            Term weights = new Term("random weights d x P + (L-1) P^2",
                    DOUBLE * (d * width + (r.depth() - 1L) * width * width));
            if (width <= n) {
                return primal(width, r.depth(), r.ridge().isLeaveOneOut(), weights);
            }
            long layers = r.depth() >= 2 ? (r.depth() >= 3 ? 2 : 1) : 0;
            Term features = new Term("features n x P + input copy n x d + intermediate layers",
                    DOUBLE * (n * width + n * d + layers * n * width));
            return List.of(new Phase("dual Gram", List.of(weights, features, gramSyrk(width))),
                    new Phase("dual solve", List.of(weights, features, dual(r.ridge().isLeaveOneOut()))));
        }

        /**
         * Finite Neural LoFi: per layer the random weights (in x P), the expanded train and test
         * features (n + m) x P, the P x P signed covariance with its eigendecomposition workspace
         * (3 P^2); the kernel limit: the capped sample-space kernel (see kernelForm).
         */
        private List<Phase> neuralLofi(cascade.engine.spec.NeuralLofiSpec l) {
            if (l.kernelLimit()) {
                return kernelForm(l.maxTrain());
            }
            List<Phase> phases = new ArrayList<>();
            long in = d;
            for (cascade.engine.spec.NeuralLofiSpec.Layer layer : l.layers()) {
                long width = layer.width();
                List<Term> t = new ArrayList<>();
                t.add(new Term("random weights in x P", DOUBLE * in * width));
                t.add(new Term("expanded features (n + m) x P", DOUBLE * (n + m) * width));
                t.add(new Term("signed covariance P x P + eigen workspace 3 P^2", DOUBLE * 4 * width * width));
                phases.add(new Phase("layer width " + width, t));
                in = layer.reduces() ? layer.directions() : width;
            }
            phases.add(new Phase("ridge readout", List.of(new Term("readout features (n + m) x P + P x P",
                    DOUBLE * ((n + m) * in + in * in)))));
            return phases;
        }

        /** Kernel forms on at most maxTrain samples: n x n kernel, its eigendecomposition (3 n^2), test block. */
        private List<Phase> kernelForm(int maxTrain) {
            long u = Math.min(n, maxTrain);
            return List.of(new Phase("kernel", List.of(new Term("kernel " + u + " x " + u + " + eigen workspace",
                    DOUBLE * 4 * u * u), new Term("test kernel m x u", DOUBLE * m * u))));
        }

        /** The n x n Gram F F^T by SYRK: heap n^2, and JavaCPP's native copies of F (n x cols) and of it. */
        private Term gramSyrk(long cols) {
            return new Term("Gram n x n by SYRK (heap + native) + native copy of the n x P features",
                    DOUBLE * (2 * n * n + n * cols));
        }

        private List<Phase> ridge() {
            RidgeSpec r = (RidgeSpec) est;
            if (d <= n) {
                return primal(d, 0, r.ridge().isLeaveOneOut(), new Term("no random weights", 0));
            }
            Term x = new Term("input copy n x d", DOUBLE * n * d);
            return List.of(new Phase("dual Gram", List.of(x, gramSyrk(d))),
                    new Phase("dual solve", List.of(x, dual(r.ridge().isLeaveOneOut()))));
        }

        /** RidgeSolver.primal on P features, streamed; depth 0 for raw inputs. */
        private List<Phase> primal(long width, int depth, boolean loo, Term weights) {
            long b = Math.max(1, Math.min(n, RIDGE_BLOCK / width));
            long layers = depth >= 2 ? (depth >= 3 ? 2 : 1) : 0;
            long mapped = depth == 0 ? 0 : b * d + layers * b * width;
            Phase stream = new Phase("streamed Gram", List.of(weights,
                    new Term("row blocks b x (2P + d) + layers", DOUBLE * (2 * b * width + mapped)),
                    new Term("Gram accumulator P x P (native) + P x P", DOUBLE * 2 * width * width)));
            Phase solve = new Phase("solve", List.of(weights, loo
                    ? new Term("P x P leave-one-out eigendecomposition 6 P^2 + blocks b x (P + 50)",
                            DOUBLE * (6 * width * width + b * (width + 2L * LOO_GRID) + 2 * b * width + mapped))
                    : new Term("P x P Cholesky 4 P^2", DOUBLE * 4 * width * width)));
            return List.of(stream, solve);
        }

        private Term dual(boolean loo) {
            return loo ? new Term("Gram n x n, leave-one-out eigendecomposition 6 n^2 + grid 4 x 25 n",
                    DOUBLE * (6 * n * n + 4L * LOO_GRID * n))
                    : new Term("Gram n x n, Cholesky 3 n^2", DOUBLE * 3 * n * n);
        }

        private static List<Term> with(Term first, List<Term> rest) {
            List<Term> t = new ArrayList<>();
            t.add(first);
            t.addAll(rest);
            return t;
        }
    }

    private record Phase(String name, List<Term> terms) {

        long bytes() {
            return terms.stream().mapToLong(Term::bytes).sum();
        }
    }
}
