package cascade.engine.kernel;

import static cascade.engine.MemoryEstimate.DOUBLE;

import cascade.engine.Estimator;
import cascade.engine.EstimatorKind;
import cascade.engine.MemoryEstimate.Phase;
import cascade.engine.MemoryEstimate.Shape;
import cascade.engine.MemoryEstimate.Term;
import cascade.engine.Requires;
import cascade.engine.SizeField;
import cascade.engine.spec.Param;
import cascade.engine.spec.RidgeChoice;
import cascade.engine.spec.TeacherSpec;
import cascade.engine.spec.Tree;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ridge} kind: {@link LinearRidge} from a {@link RidgeSpec}, on any teacher's raw
 * inputs. Memory: d &lt;= n, the primal solve of {@link RidgeMemory} with P = d and no layers;
 * else the n x d input copy and the dual's Gram and solve.
 */
public final class RidgeKind extends EstimatorKind<RidgeSpec> {

    private static final Param<RidgeSpec, RidgeChoice> RIDGE = Param.ridge(RidgeChoice.loo(), RidgeSpec::ridge);

    public RidgeKind() {
        super(RidgeSpec.KIND, RidgeSpec.class, Requires.ANY_TEACHER,
                "Ridge regression with intercept on the raw inputs.", "SCIENCE.md 4 Baselines",
                List.of(RIDGE));
    }

    @Override
    protected RidgeSpec read(Tree t, String name, @Nullable TeacherSpec teacher) {
        return new RidgeSpec(name, RIDGE.read(t));
    }

    @Override
    protected List<SizeField> sizes(RidgeSpec spec) {
        return List.of();
    }

    @Override
    protected List<Phase> memory(RidgeSpec r, Shape s) {
        boolean loo = r.ridge().isLeaveOneOut();
        if (s.d() <= s.n()) {
            return RidgeMemory.primal(s, s.d(), 0, loo, new Term("no random weights", 0));
        }
        return RidgeMemory.dual(s, s.d(), loo, List.of(new Term("input copy n x d", DOUBLE * s.n() * s.d())));
    }

    @Override
    protected Estimator create(RidgeSpec spec, TeacherSpec teacher, long seed) {
        return new LinearRidge(spec);
    }
}
