package cascade.engine.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    public static LabelSummary of(double[] labels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        Map<Double, Integer> counts = new TreeMap<>();
        for (double v : labels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            if (counts != null) {
                counts.merge(v, 1, Integer::sum);
                if (counts.size() > MAX_CLASSES) {
                    counts = null;
                }
            }
        }
        List<ClassCount> classes = null;
        if (counts != null) {
            classes = new ArrayList<>();
            for (Map.Entry<Double, Integer> e : counts.entrySet()) {
                classes.add(new ClassCount(e.getKey(), e.getValue()));
            }
        }
        return new LabelSummary(labels.length, min, max, labels.length == 0 ? 0 : sum / labels.length, classes);
    }
}
