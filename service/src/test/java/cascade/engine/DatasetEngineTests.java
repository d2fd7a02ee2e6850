package cascade.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.dataset.Dataset;
import cascade.engine.dataset.DatasetSource;
import cascade.engine.dataset.UnknownDatasetException;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.SpecParser;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Runs on a dataset teacher through {@link Engine#run}, with the data from a {@link DatasetSource}. */
class DatasetEngineTests {

    static final double[] W = {1.0, -2.0, 0.5, 3.0, -1.0};

    /** 500 rows of x ~ N(3, 2^2 I_5) (not standardised), raw label w.x + 4, class label [w.x > 0]. */
    static Dataset linear(boolean classes) {
        Random rng = new Random(11);
        int n = 500;
        double[] x = new double[n * 5];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = 3 + 2 * rng.nextGaussian();
                s += W[j] * (x[i * 5 + j] - 3);
            }
            y[i] = classes ? (s > 0 ? 1 : 0) : s + 4;
        }
        return new Dataset(n, 5, x, y);
    }

    static ExperimentSpec spec(Object labels, String estimator) {
        return SpecParser.parse(Map.of(
                "teacher", Map.of("kind", "dataset", "id", "lin", "labels", labels),
                "estimators", List.of(Map.of("kind", estimator)),
                "sweep", Map.of("n", List.of(100, 400), "seeds", 1), "test", Map.of("n", 5000)));
    }

    @Test
    void ridgeFitsANoiselessLinearTargetExactly() {
        // A linear target with intercept is in the ridge model's class: least squares interpolates it,
        // so the test NMSE is ~0 up to the smallest ridge of the LOO grid (1e-6); tolerance 1e-4.
        RunOutcome o = Engine.run(spec("raw", "ridge"), new RunKey(0, 400, 0), RunControl.NONE, id -> linear(false));
        assertThat(o.metrics().get("nmse")).isLessThan(1e-4);
        assertThat(o.metrics()).doesNotContainKeys("classificationError", "overlapA", "overlapH", "recoveredRank");
        assertThat(o.directionCos2()).isNull();
    }

    @Test
    void binaryLabelsAddTheClassificationError() {
        // For Gaussian inputs the least-squares direction of sign(w.x) is w itself (Brillinger 1982:
        // E[x g(w.x)] is parallel to w), so ridge on +-1 labels classifies the noiseless linear rule
        // almost perfectly; with n = 400 in d = 5 we allow 5% errors on the 100 test rows.
        Object binary = Map.of("binary", Map.of("positive", List.of(1)));
        RunOutcome o = Engine.run(spec(binary, "ridge"), new RunKey(0, 400, 2), RunControl.NONE, id -> linear(true));
        assertThat(o.metrics()).containsKeys("nmse", "mse", "classificationError");
        assertThat(o.metrics().get("classificationError")).isLessThanOrEqualTo(0.05);
        RunOutcome again = Engine.run(spec(binary, "ridge"), new RunKey(0, 400, 2), RunControl.NONE, id -> linear(true));
        assertThat(again.metrics()).isEqualTo(o.metrics());
    }

    @Test
    void everyRawInputEstimatorRunsOnADataset() {
        Object binary = Map.of("binary", Map.of("positive", List.of(1)));
        for (String kind : List.of("kernel-ridge", "random-features", "ridge", "neural-lofi", "deep-nngp")) {
            RunOutcome o = Engine.run(spec(binary, kind), new RunKey(0, 100, 1), RunControl.NONE, id -> linear(true));
            assertThat(o.metrics().values()).as(kind).allSatisfy(v -> assertThat(v).isFinite());
            assertThat(o.metrics().get("classificationError")).as(kind).isLessThan(0.5);
        }
    }

    @Test
    void aMissingDatasetOrTooLargeNFailsTheRun() {
        assertThatThrownBy(() -> Engine.run(spec("raw", "ridge"), new RunKey(0, 400, 0), RunControl.NONE))
                .isInstanceOf(UnknownDatasetException.class).hasMessageContaining("lin");
        assertThatThrownBy(() -> Engine.run(spec("raw", "ridge"), new RunKey(0, 401, 0), RunControl.NONE,
                id -> linear(false))).hasMessageContaining("exceeds the 400 training rows");
    }
}
