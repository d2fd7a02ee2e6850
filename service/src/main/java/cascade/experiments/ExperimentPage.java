package cascade.experiments;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of experiments, newest first; nextCursor is null on the last page. */
public record ExperimentPage(List<ExperimentView> items, @Nullable String nextCursor) {
}
