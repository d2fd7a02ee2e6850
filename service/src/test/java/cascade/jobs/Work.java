package cascade.jobs;

import cascade.engine.RunControl;

/** Stand-ins for an estimator's work: checkpointed sleeps or spinning, as the worker tests need. */
final class Work {

    private Work() {
    }

    /** {@code steps} checkpoints, each followed by {@code millis} of sleep (an interrupt ends the sleep early). */
    static void checkpointed(RunControl control, int steps, long millis) {
        for (int i = 0; i < steps; i++) {
            control.checkpoint();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Checkpoints without pause until the run is stopped (the checkpoint throws). */
    static void untilStopped(RunControl control) {
        while (true) {
            control.checkpoint();
            Thread.onSpinWait();
        }
    }
}
