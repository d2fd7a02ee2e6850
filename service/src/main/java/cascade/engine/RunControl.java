package cascade.engine;

/**
 * What an estimator sees of the world while it runs: a place to report progress and a checkpoint
 * that throws {@link RunCancelledException} once the run has been cancelled or taken over.
 * Estimators call {@link #checkpoint()} between batches and iterations, never holding locks.
 */
public interface RunControl {

    /** A control that never cancels and ignores progress (tests, the command line). */
    RunControl NONE = new RunControl() {
        @Override
        public void checkpoint() {
        }

        @Override
        public void progress(double fraction, String stage) {
        }
    };

    /** Throws {@link RunCancelledException} when the run must stop. */
    void checkpoint();

    /** Reports progress in [0, 1] within the current run, with a short stage name. */
    void progress(double fraction, String stage);
}
