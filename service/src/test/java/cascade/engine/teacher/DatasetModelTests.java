package cascade.engine.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cascade.engine.dataset.Dataset;
import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.LabelMapping;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The dataset teacher's split and scaling. Row i of the test dataset has features
 * [i, 2i + (i % 3), 5] and label i % 10, so every sampled row can be traced back to its index.
 */
class DatasetModelTests {

    static final int ROWS = 200;

    static Dataset data() {
        double[] x = new double[ROWS * 3];
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 2 * i + (i % 3);
            x[3 * i + 2] = 5;
            y[i] = i % 10;
        }
        return new Dataset(ROWS, 3, x, y);
    }

    static DatasetTeacher spec(boolean standardize, LabelMapping labels) {
        return new DatasetTeacher("d", labels, standardize, 0.25);
    }

    /** Row indices of a sample drawn without standardisation (feature 0 is the index). */
    static int[] rows(Teacher.Sample s) {
        return IntStream.range(0, s.n()).map(r -> (int) s.x()[r * s.dim()]).toArray();
    }

    @Test
    void theSplitIsAPermutationFixedBySeedWithDisjointTrainAndTest() {
        DatasetModel a = new DatasetModel(spec(false, new LabelMapping.Raw()), data(), 7);
        DatasetModel b = new DatasetModel(spec(false, new LabelMapping.Raw()), data(), 7);
        DatasetModel other = new DatasetModel(spec(false, new LabelMapping.Raw()), data(), 8);
        assertThat(a.trainRows()).isEqualTo(150);   // 200 - round(200 x 0.25)
        assertThat(a.testRows()).isEqualTo(50);
        assertThat(a.trainOrder()).containsExactly(b.trainOrder());
        assertThat(a.trainOrder()).isNotEqualTo(other.trainOrder());
        Set<Integer> all = new HashSet<>();
        Arrays.stream(a.trainOrder()).forEach(all::add);
        Arrays.stream(a.testOrder()).forEach(all::add);
        assertThat(all).hasSize(ROWS);
        assertThat(rows(a.sample("test", 10_000))).containsExactly(a.testOrder());
        assertThat(rows(a.sample("test", 20))).containsExactly(Arrays.copyOf(a.testOrder(), 20));
    }

    @Test
    void trainingSetsAreNestedPrefixes() {
        DatasetModel m = new DatasetModel(spec(true, new LabelMapping.Raw()), data(), 3);
        Teacher.Sample small = m.sample("train", 40);
        Teacher.Sample large = m.sample("train", 150);
        assertThat(Arrays.copyOf(large.x(), 40 * 3)).containsExactly(small.x());
        assertThat(Arrays.copyOf(large.y(), 40)).containsExactly(small.y());
        assertThatThrownBy(() -> m.sample("train", 151)).hasMessageContaining("exceeds the 150 training rows");
    }

    @Test
    void standardisationUsesTheTrainingSplitOnly() {
        DatasetModel m = new DatasetModel(spec(true, new LabelMapping.Raw()), data(), 5);
        Teacher.Sample train = m.sample("train", m.trainRows());
        // Over the whole training split each feature has mean 0 and std 1 (ddof 0); the constant
        // third feature is only centred. Tolerance 1e-12: sums of 150 values of order 1.
        for (int j = 0; j < 2; j++) {
            int c = j;
            double[] col = IntStream.range(0, train.n()).mapToDouble(r -> train.x()[r * 3 + c]).toArray();
            double mean = Arrays.stream(col).average().orElseThrow();
            double var = Arrays.stream(col).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
            assertThat(mean).isCloseTo(0, within(1e-12));
            assertThat(var).isCloseTo(1, within(1e-12));
        }
        // Test rows are mapped with the training statistics, computed here from the raw rows.
        int[] trainRows = m.trainOrder();
        double mu = Arrays.stream(trainRows).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(trainRows).mapToDouble(i -> (i - mu) * (i - mu)).average().orElseThrow());
        Teacher.Sample test = m.sample("test", 5);
        for (int r = 0; r < 5; r++) {
            assertThat(test.x()[r * 3]).isCloseTo((m.testOrder()[r] - mu) / sd, within(1e-12));
            assertThat(test.x()[r * 3 + 2]).isEqualTo(0.0);
        }
    }

    @Test
    void binaryAndPresetLabelMappings() {
        DatasetModel binary = new DatasetModel(spec(false, new LabelMapping.Binary(List.of(1.0, 3.0), null)), data(), 1);
        Teacher.Sample s = binary.sample("train", 100);
        for (int r = 0; r < s.n(); r++) {
            int label = (int) s.x()[r * 3] % 10;
            assertThat(s.y()[r]).isEqualTo(label == 1 || label == 3 ? 1.0 : -1.0);
        }
        LabelMapping cifar = new LabelMapping.Binary(LabelMapping.PRESETS.get("cifar10-animal-vs-vehicle"),
                "cifar10-animal-vs-vehicle");
        // CIFAR-10 classes (Krizhevsky 2009): 0 airplane 1 automobile 2 bird 3 cat 4 deer 5 dog 6 frog 7 horse 8 ship 9 truck.
        double[] expected = {-1, -1, 1, 1, 1, 1, 1, 1, -1, -1};
        for (int c = 0; c < 10; c++) {
            assertThat(cifar.apply(c)).as("class " + c).isEqualTo(expected[c]);
        }
    }
}
