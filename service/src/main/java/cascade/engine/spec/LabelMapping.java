package cascade.engine.spec;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a dataset's raw labels become the regression target. {@code "raw"}: as given.
 * {@code {"binary": {"positive": [...]}}}: rows whose label is one of the positive classes get +1,
 * all others -1 (then the runs also report the classification error). {@code {"preset": name}}: a
 * named binary mapping, see {@link #PRESETS}.
 */
public sealed interface LabelMapping {

    /**
     * Named binary mappings. CIFAR-10 classes: 0 airplane, 1 automobile, 2 bird, 3 cat, 4 deer,
     * 5 dog, 6 frog, 7 horse, 8 ship, 9 truck; animals (2-7) are positive, vehicles (0, 1, 8, 9)
     * negative (Neural LoFi, P2: CIFAR-10 animal vs vehicle).
     */
    Map<String, List<Double>> PRESETS = Map.of("cifar10-animal-vs-vehicle", List.of(2.0, 3.0, 4.0, 5.0, 6.0, 7.0));

    /** The labels as given. */
    record Raw() implements LabelMapping {
        @Override
        public double apply(double label) {
            return label;
        }
    }

    /** Positive classes map to +1, every other label to -1; {@code preset} names a preset's classes. */
    record Binary(List<Double> positive, @Nullable String preset) implements LabelMapping {

        public Binary {
            positive = List.copyOf(positive);
        }

        @Override
        public double apply(double label) {
            return positive.contains(label) ? 1.0 : -1.0;
        }
    }

    /** The target value of one raw label. */
    double apply(double label);
}
