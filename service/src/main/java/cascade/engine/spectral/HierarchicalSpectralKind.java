package cascade.engine.spectral;

import static cascade.engine.MemoryEstimate.DOUBLE;

import cascade.engine.Estimator;
import cascade.engine.EstimatorKind;
import cascade.engine.MemoryEstimate.Phase;
import cascade.engine.MemoryEstimate.Shape;
import cascade.engine.MemoryEstimate.Term;
import cascade.engine.Requires;
import cascade.engine.SizeField;
import cascade.engine.kernel.KernelRidge;
import cascade.engine.spec.DirectionRule;
import cascade.engine.spec.Param;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.ThreeLevelTeacher;
import cascade.engine.spec.Tree;
import cascade.engine.spectral.HierarchicalSpectralSpec.Precision;
import cascade.engine.spectral.HierarchicalSpectralSpec.Readout;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code hierarchical-spectral} kind: {@link HierarchicalSpectral} from a
 * {@link HierarchicalSpectralSpec}. Synthetic teachers only (its operator needs Hermite inputs);
 * without planted directions it keeps 10 by default.
 *
 * <p>Memory (n1 = n, or n/2 with split; n2 the second-stage rows; F the feature cache of
 * {@link SpectralMemory}): "features"; "eigen"; directions auto: "null bulk", F + a second operator
 * on permuted labels (its cache, n labels, and its own eigen phase with k = 16 and 60 iterations);
 * "readout": F + recovered features (n2 + m) x kept + projection batch, for rbf-krr also the K x K
 * kernel solve with K = min(n2, {@link HierarchicalSpectral#KRR_MAX_TRAIN}), 3 K^2, and its
 * prediction block; "metrics".
 */
public final class HierarchicalSpectralKind extends EstimatorKind<HierarchicalSpectralSpec> {

    private static final Param<HierarchicalSpectralSpec, DirectionRule> DIRECTIONS = SpectralParams.directions(
            SpectralParams.directionsEntry("integer|auto", "p of the teacher (10 without planted directions)",
                    "directions kept; \"auto\" keeps those outside the estimated bulk edge"),
            new DirectionRule.Fixed(10), HierarchicalSpectralSpec::directions);
    private static final Param<HierarchicalSpectralSpec, Integer> ITERATIONS =
            SpectralParams.iterations(HierarchicalSpectralSpec::iterations);
    private static final Param<HierarchicalSpectralSpec, Integer> OVERSAMPLE =
            SpectralParams.oversample(HierarchicalSpectralSpec::oversample);
    private static final Param<HierarchicalSpectralSpec, Double> TOLERANCE =
            SpectralParams.tolerance(HierarchicalSpectralSpec::tolerance);
    private static final Param<HierarchicalSpectralSpec, Readout> READOUT = Param.choice("readout",
            Readout.CALIBRATED, Readout::json, HierarchicalSpectralSpec::readout, "readout on recovered features");
    private static final Param<HierarchicalSpectralSpec, Boolean> SPLIT = Param.bool("split", false,
            HierarchicalSpectralSpec::split, "first half of the samples for layer 1, second half for the rest");
    private static final Param<HierarchicalSpectralSpec, Precision> PRECISION = Param.choice("precision",
            Precision.FLOAT64, Precision::json, HierarchicalSpectralSpec::precision,
            "precision of the first-layer operator");
    private static final Param<HierarchicalSpectralSpec, Integer> HISTOGRAM = Param.integer("histogram", 0, 0, 1000,
            HierarchicalSpectralSpec::histogram,
            "bins of a histogram of the whole first-layer spectrum (0: none; needs D <= 4000)");

    public HierarchicalSpectralKind() {
        super(HierarchicalSpectralSpec.KIND, HierarchicalSpectralSpec.class, Requires.SYNTHETIC_INPUTS,
                "Layer-wise spectral estimator: matrix-free first-layer operator, "
                        + "top directions by |eigenvalue|, second-layer moment, calibrated readout.",
                "SCIENCE.md 4; P1, P3",
                List.of(DIRECTIONS, ITERATIONS, OVERSAMPLE, TOLERANCE, READOUT, SPLIT, PRECISION, HISTOGRAM));
    }

    @Override
    protected HierarchicalSpectralSpec read(Tree t, String name, @Nullable TeacherSpec teacher) {
        int planted = teacher == null || teacher.plantedDirections() == 0 ? 10 : teacher.plantedDirections();
        DirectionRule directions = DIRECTIONS.read(t, new DirectionRule.Fixed(planted));
        if (directions instanceof DirectionRule.Fixed f && f.k() > SpectralParams.MAX_DIRECTIONS) {
            // Only the default (the teacher's p, up to 100000) gets here: keep it within what a spec
            // may state, so the spec as run reads back. "auto" keeps the teacher's p as its cap.
            directions = new DirectionRule.Fixed(SpectralParams.MAX_DIRECTIONS);
        }
        return new HierarchicalSpectralSpec(name, directions,
                ITERATIONS.read(t), OVERSAMPLE.read(t), TOLERANCE.read(t), READOUT.read(t), SPLIT.read(t),
                PRECISION.read(t), HISTOGRAM.read(t));
    }

    @Override
    protected List<SizeField> sizes(HierarchicalSpectralSpec spec) {
        return List.of();
    }

    @Override
    protected List<Phase> memory(HierarchicalSpectralSpec h, Shape s) {
        SpectralMemory mem = new SpectralMemory(s);
        long n1 = h.split() ? s.n() / 2 : s.n();
        long n2 = h.split() ? s.n() - n1 : s.n();
        boolean single = h.precision() == Precision.FLOAT32;
        boolean noCopy = s.identity() && !single && !h.split();
        int block = (int) Math.min(s.dim(), (long) h.directions().maxDirections() + h.oversample());
        long kept = Math.min(block, h.directions().maxDirections());
        Term cache = mem.cache(n1, single, noCopy);
        List<Phase> phases = new ArrayList<>();
        phases.add(mem.features(cache, n1, single, noCopy));
        phases.add(new Phase("eigen", SpectralMemory.with(cache, mem.eigen(n1, block, h.iterations()))));
        if (h.directions() instanceof DirectionRule.Auto) {
            List<Term> t = new ArrayList<>();
            t.add(cache);
            Term nullCache = mem.cache(n1, single, noCopy);
            t.add(new Term("null-bulk " + nullCache.name() + " + n permuted labels",
                    nullCache.bytes() + DOUBLE * s.n()));
            t.addAll(mem.eigen(n1, (int) Math.min(s.dim(), 16), 60));
            phases.add(new Phase("null bulk", t));
        }
        List<Term> readout = new ArrayList<>();
        readout.add(cache);
        readout.add(mem.recovered(n2, kept));
        if (h.readout() == Readout.RBF_KRR) {
            long u = Math.min(n2, HierarchicalSpectral.KRR_MAX_TRAIN);
            readout.add(new Term("rbf-krr readout kernel " + u + " x " + u + " (Cholesky, 3 copies)",
                    DOUBLE * 3 * u * u));
            readout.add(new Term("rbf-krr prediction block", DOUBLE * KernelRidge.PREDICT_BLOCK_ELEMENTS));
        }
        phases.add(new Phase("readout", readout));
        phases.add(s.metrics(kept));
        return phases;
    }

    @Override
    protected Estimator create(HierarchicalSpectralSpec spec, TeacherSpec teacher, long seed) {
        // Three-level fitting models get a latent spectral layer of width p2.
        int latent = teacher instanceof ThreeLevelTeacher t ? t.p2() : 0;
        return new HierarchicalSpectral(spec, teacher.featureMap(), latent, seed);
    }
}
