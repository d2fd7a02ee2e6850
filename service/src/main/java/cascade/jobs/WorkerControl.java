package cascade.jobs;

import cascade.engine.RunCancelledException;
import cascade.engine.RunControl;

/**
 * The {@link RunControl} a worker hands the engine: its checkpoint throws once the run is no
 * longer ours (cancelled, reaped, deleted: found by the heartbeat) or the pool is shutting down.
 */
final class WorkerControl implements RunControl {

    enum Stop { NONE, LOST, SHUTDOWN }

    private volatile Stop stop = Stop.NONE;
    private volatile double fraction;
    private volatile String stage = "queued";

    @Override
    public void checkpoint() {
        Stop s = stop;
        if (s != Stop.NONE) {
            throw new RunCancelledException(s == Stop.LOST ? "run is no longer this worker's" : "worker shutting down");
        }
        if (Thread.currentThread().isInterrupted()) {
            stop = Stop.SHUTDOWN;
            throw new RunCancelledException("worker interrupted");
        }
    }

    @Override
    public void progress(double fraction, String stage) {
        this.fraction = fraction;
        this.stage = stage;
    }

    void lose() {
        stop = Stop.LOST;
    }

    void shutdown() {
        if (stop == Stop.NONE) {
            stop = Stop.SHUTDOWN;
        }
    }

    Stop stop() {
        return stop;
    }

    double fraction() {
        return fraction;
    }

    String stage() {
        return stage;
    }
}
