package cascade.experiments;

/** Run counts of an experiment by status. */
public record Progress(int total, int queued, int running, int succeeded, int failed, int cancelled) {

    public int done() {
        return succeeded + failed + cancelled;
    }
}
