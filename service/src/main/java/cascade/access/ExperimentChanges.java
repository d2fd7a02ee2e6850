package cascade.access;

import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Cancel, retry and delete on behalf of a caller, who must own the experiment or be an admin
 * ({@link NotOwnerException} otherwise). The access filter has already required the submitter
 * role for these requests; this is where ownership is decided.
 */
@Service
public class ExperimentChanges {

    private final Experiments experiments;

    ExperimentChanges(Experiments experiments) {
        this.experiments = experiments;
    }

    public ExperimentView cancel(Caller caller, UUID experiment) {
        requireMayChange(caller, experiment);
        return experiments.cancel(experiment);
    }

    public ExperimentView retry(Caller caller, UUID experiment) {
        requireMayChange(caller, experiment);
        return experiments.retry(experiment);
    }

    public void delete(Caller caller, UUID experiment) {
        requireMayChange(caller, experiment);
        experiments.delete(experiment);
    }

    /** An admin may change anything (an unknown id then gets its 404 from the change itself). */
    private void requireMayChange(Caller caller, UUID experiment) {
        if (caller.role() != Role.ADMIN && !caller.mayChange(experiments.get(experiment).owner())) {
            throw new NotOwnerException(experiment, caller.role());
        }
    }
}
