package cascade.datasets;

import java.util.List;
import java.util.UUID;

/** The dataset cannot be deleted: queued or running experiments use it. */
public final class DatasetInUseException extends RuntimeException {

    private final List<UUID> experiments;

    DatasetInUseException(UUID id, List<UUID> experiments) {
        super("dataset " + id + " is used by " + experiments.size() + " queued or running experiment(s): "
                + experiments + "; cancel them first");
        this.experiments = List.copyOf(experiments);
    }

    public List<UUID> experiments() {
        return experiments;
    }
}
