package cascade.engine.spec;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What submission-time validation knows of a stored dataset: its row and column counts and, for
 * class labels (at most 100 distinct values), the set of classes.
 */
public record DatasetShape(int rows, int columns, @Nullable Set<Double> classes) {

    /** Looks datasets up by id while a spec is parsed; null when there is none. */
    @FunctionalInterface
    public interface Catalog {

        @Nullable DatasetShape shape(String id);
    }
}
