package cascade.experiments;

import java.util.UUID;

public final class ExperimentNotFoundException extends RuntimeException {

    public ExperimentNotFoundException(UUID id) {
        super("no experiment " + id);
    }
}
