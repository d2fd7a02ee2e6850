package cascade.engine.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link LabelSummary} built one label at a time in constant memory: count, range, sum, and the
 * distinct values with their counts in a sorted array of at most {@link LabelSummary#MAX_CLASSES}
 * entries, dropped for good when one more distinct value arrives. Values are ordered and told
 * apart as {@link Double#compare} does (so -0.0 and 0.0 are two classes, as in a {@code TreeMap}).
 */
final class LabelTally {

    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;
    private double[] classes = new double[8];
    private int[] counts = new int[8];
    private int distinct;
    private boolean tooMany;

    void add(double v) {
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
        if (tooMany) {
            return;
        }
        int i = Arrays.binarySearch(classes, 0, distinct, v);
        if (i >= 0) {
            counts[i]++;
            return;
        }
        if (distinct == LabelSummary.MAX_CLASSES) {
            tooMany = true;
            return;
        }
        if (distinct == classes.length) {
            classes = Arrays.copyOf(classes, Math.min(LabelSummary.MAX_CLASSES, 2 * distinct));
            counts = Arrays.copyOf(counts, classes.length);
        }
        int at = -i - 1;
        System.arraycopy(classes, at, classes, at + 1, distinct - at);
        System.arraycopy(counts, at, counts, at + 1, distinct - at);
        classes[at] = v;
        counts[at] = 1;
        distinct++;
    }

    LabelSummary summary() {
        List<LabelSummary.ClassCount> list = null;
        if (!tooMany) {
            list = new ArrayList<>(distinct);
            for (int i = 0; i < distinct; i++) {
                list.add(new LabelSummary.ClassCount(classes[i], counts[i]));
            }
        }
        return new LabelSummary(Math.toIntExact(count), min, max, count == 0 ? 0 : sum / count, list);
    }
}
