package cascade.engine.dataset;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the labels of a dataset look like: count, range, mean, and, when there are at most
 * {@link #MAX_CLASSES} distinct values, each class with its count (then the labels are class
 * labels and a binary mapping may name them).
 */
public record LabelSummary(int count, double min, double max, double mean, @Nullable List<ClassCount> classes) {

    public static final int MAX_CLASSES = 100;

    public LabelSummary {
        classes = classes == null ? null : List.copyOf(classes);
    }

    /** One distinct label value and how many rows carry it. */
    public record ClassCount(double label, int count) {
    }

    /** The summary of {@code labels}, computed in one pass and constant memory. */
    public static LabelSummary of(double[] labels) {
        LabelTally tally = new LabelTally();
        for (double v : labels) {
            tally.add(v);
        }
        return tally.summary();
    }
}
