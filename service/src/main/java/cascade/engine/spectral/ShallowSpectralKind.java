package cascade.engine.spectral;

import static cascade.engine.MemoryEstimate.DOUBLE;

import cascade.engine.Estimator;
import cascade.engine.EstimatorKind;
import cascade.engine.MemoryEstimate.Phase;
import cascade.engine.MemoryEstimate.Shape;
import cascade.engine.MemoryEstimate.Term;
import cascade.engine.Requires;
import cascade.engine.SizeField;
import cascade.engine.spec.DirectionRule;
import cascade.engine.spec.Param;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.Tree;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code shallow-spectral} kind: {@link ShallowSpectral} from a {@link ShallowSpectralSpec}.
 * Synthetic teachers only.
 *
 * <p>Memory: the feature cache F (n1 = n, {@link SpectralMemory}), then with directions all (or
 * at least D) the D x D moment + its weighted-Gram scratch (n x D + D^2), then its eigenvalues
 * (3 D^2) and the quadratic-form batch; nothing large above {@link ShallowSpectral#MAX_DENSE},
 * which the estimator refuses. With top k: "eigen", "readout" (recovered features) and "metrics".
 */
public final class ShallowSpectralKind extends EstimatorKind<ShallowSpectralSpec> {

    private static final Param<ShallowSpectralSpec, DirectionRule> DIRECTIONS = SpectralParams.directions(
            SpectralParams.directionsEntry("integer|auto|all", "all",
                    "eigenpairs of the moment operator kept; all = no truncation"),
            new DirectionRule.All(), ShallowSpectralSpec::directions);
    private static final Param<ShallowSpectralSpec, Integer> ITERATIONS =
            SpectralParams.iterations(ShallowSpectralSpec::iterations);
    private static final Param<ShallowSpectralSpec, Integer> OVERSAMPLE =
            SpectralParams.oversample(ShallowSpectralSpec::oversample);
    private static final Param<ShallowSpectralSpec, Double> TOLERANCE =
            SpectralParams.tolerance(ShallowSpectralSpec::tolerance);

    public ShallowSpectralKind() {
        super(ShallowSpectralSpec.KIND, ShallowSpectralSpec.class, Requires.SYNTHETIC_INPUTS,
                "Shallow (two-layer) spectral estimator: one spectral step on the "
                        + "input's degree-2q Hermite features, no intermediate layer; the depth-separation baseline.",
                "SCIENCE.md 4; P3",
                List.of(DIRECTIONS, ITERATIONS, OVERSAMPLE, TOLERANCE));
    }

    @Override
    protected ShallowSpectralSpec read(Tree t, String name, @Nullable TeacherSpec teacher) {
        return new ShallowSpectralSpec(name, DIRECTIONS.read(t), ITERATIONS.read(t), OVERSAMPLE.read(t),
                TOLERANCE.read(t));
    }

    @Override
    protected List<SizeField> sizes(ShallowSpectralSpec spec) {
        return List.of();
    }

    @Override
    protected List<Phase> memory(ShallowSpectralSpec spec, Shape s) {
        SpectralMemory mem = new SpectralMemory(s);
        long dim = s.dim();
        Term cache = mem.cache(s.n(), false, s.identity());
        List<Phase> phases = new ArrayList<>();
        phases.add(mem.features(cache, s.n(), false, s.identity()));
        if (spec.directions() instanceof DirectionRule.All || spec.directions().maxDirections() >= dim) {
            if (dim > ShallowSpectral.MAX_DENSE) {
                // Refused by the estimator itself at run time; nothing large is allocated.
                phases.add(new Phase("dense", List.of(cache)));
                return phases;
            }
            phases.add(new Phase("dense moment", List.of(cache,
                    new Term("operator D x D", DOUBLE * dim * dim),
                    new Term("weighted-Gram scratch n x D + D x D (native)", DOUBLE * (s.n() * dim + dim * dim)))));
            phases.add(new Phase("moment eigenvalues", List.of(cache,
                    new Term("operator D x D", DOUBLE * dim * dim),
                    new Term("eigenvalues: clone, native copy, transpose 3 x D x D", DOUBLE * 3 * dim * dim),
                    new Term("quadratic-form batch 2048 x (d + 2D)", DOUBLE * 2048 * (s.d() + 2 * dim)))));
            return phases;
        }
        int block = (int) Math.min(dim, (long) spec.directions().maxDirections() + spec.oversample());
        long kept = Math.min(block, spec.directions().maxDirections());
        phases.add(new Phase("eigen", SpectralMemory.with(cache, mem.eigen(s.n(), block, spec.iterations()))));
        phases.add(new Phase("readout", List.of(cache, mem.recovered(s.n(), kept))));
        phases.add(s.metrics(kept));
        return phases;
    }

    @Override
    protected Estimator create(ShallowSpectralSpec spec, TeacherSpec teacher, long seed) {
        return new ShallowSpectral(spec, teacher.featureMap(), seed);
    }
}
