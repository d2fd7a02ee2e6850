package cascade.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.features.FeatureMap;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.teacher.Teacher;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NestedGramsTests {

    /**
     * The Gram assembled from shared segments equals sum_i y_i f_i f_i^T computed directly by a
     * double loop over the standardised labels (independent of the segment algebra), for the
     * identity map and for degree-2 Hermite features, at every sweep point; 1e-9 absolute on
     * sums of up to 1500 terms of order 1.
     */
    @Test
    void segmentsReproduceTheDirectGramAtEverySweepPoint() {
        // D = 12 raw features, so degree-2 Hermite features have 78 coordinates.
        ExperimentSpec spec = cascade.engine.spec.SpecParser.parse(java.util.Map.of(
                "name", "nested",
                "teacher", java.util.Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "features", 12, "p", 3),
                "estimators", List.of(java.util.Map.of("kind", "hierarchical-spectral")),
                "sweep", java.util.Map.of("n", List.of(400, 900, 1500), "seeds", 1)));
        Teacher teacher = Teacher.of(spec.teacher(), 11);
        int n = 1500;
        Teacher.Sample s = teacher.sample("train", n);
        int dim = s.dim();
        double[] raw = s.y();
        double mean = Arrays.stream(raw).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(raw).map(v -> (v - mean) * (v - mean)).sum() / n);
        List<Integer> points = List.of(400, 900, 1500);
        for (int point : points) {
            double m = Arrays.stream(raw, 0, point).average().orElseThrow();
            double v = Math.sqrt(Arrays.stream(raw, 0, point).map(u -> (u - m) * (u - m)).sum() / point);
            NestedGrams grams = new NestedGrams(spec.teacher(), 11, points, s.x(), dim, raw, m, v);
            for (FeatureMap map : List.of(FeatureMap.identity(dim), FeatureMap.hermite(dim, 2))) {
                int d = map.outputDimension();
                double[] z = new double[point * d];
                map.apply(Arrays.copyOf(s.x(), point * dim), point, z);
                double[] expected = new double[d * d];
                for (int i = 0; i < point; i++) {
                    double y = (raw[i] - m) / v;
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            expected[a * d + b] += y * z[i * d + a] * z[i * d + b];
                        }
                    }
                }
                assertThat(grams.weightedGram(map, point, RunControl.NONE)).containsExactly(expected, within(1e-9));
            }
        }
        assertThat(sd).isPositive();
    }

    /** An n that is not a sweep point has no segments: the estimator computes it itself. */
    @Test
    void offSweepNIsNotServed() {
        ExperimentSpec spec = cascade.TestSpecs.tiny("nested-off", 3, 1);
        Teacher.Sample s = Teacher.of(spec.teacher(), 1).sample("train", 500);
        NestedGrams grams = new NestedGrams(spec.teacher(), 1, List.of(200, 500), s.x(), s.dim(), s.y(), 0, 1);
        assertThat(grams.weightedGram(FeatureMap.identity(s.dim()), 300, RunControl.NONE)).isNull();
    }
}
