package cascade.engine.spec;

import java.util.List;

/** A whole experiment, every default filled in (CONTRACT.md "Spec"). */
public record ExperimentSpec(
        String name,
        List<String> tags,
        TeacherSpec teacher,
        List<EstimatorSpec> estimators,
        SweepSpec sweep,
        TestSpec test,
        FitSpec fit,
        List<Expectation> expect) {

    public ExperimentSpec {
        tags = List.copyOf(tags);
        estimators = List.copyOf(estimators);
        expect = List.copyOf(expect);
    }

    /** The estimator with this name; names are unique (checked by the parser). */
    public int estimatorIndex(String estimatorName) {
        for (int i = 0; i < estimators.size(); i++) {
            if (estimators.get(i).name().equals(estimatorName)) {
                return i;
            }
        }
        return -1;
    }
}
