package cascade.runs;

/**
 * How many runs of an experiment are in each status; {@code total} is their sum (or, for an
 * experiment whose run rows are gone, the number it was submitted with).
 */
public record RunCounts(int total, int queued, int running, int succeeded, int failed, int cancelled) {

    /** No runs at all. */
    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0, 0);

    /** Runs that reached an end: SUCCEEDED, FAILED or CANCELLED. */
    public int done() {
        return succeeded + failed + cancelled;
    }

    /** Runs still QUEUED or RUNNING. */
    public int active() {
        return queued + running;
    }

    static RunCounts of(int[] byStatus) {
        int total = 0;
        for (int c : byStatus) {
            total += c;
        }
        return new RunCounts(total, byStatus[RunStatus.QUEUED.ordinal()], byStatus[RunStatus.RUNNING.ordinal()],
                byStatus[RunStatus.SUCCEEDED.ordinal()], byStatus[RunStatus.FAILED.ordinal()],
                byStatus[RunStatus.CANCELLED.ordinal()]);
    }
}
