package cascade.jobs;

import cascade.engine.RunControl;
import cascade.engine.RunKey;
import cascade.engine.RunOutcome;
import cascade.engine.spec.ExperimentSpec;

/** Computes one run; production is {@code Engine::run}, tests use controllable fakes. */
@FunctionalInterface
interface RunExecutor {

    RunOutcome execute(ExperimentSpec spec, RunKey key, RunControl control);
}
