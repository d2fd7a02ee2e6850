package cascade.access;

/** The owner already has too many runs waiting or running for this submission to be queued. */
public final class QuotaExceededException extends RuntimeException {

    private final long limit;
    private final long current;
    private final long requested;

    QuotaExceededException(long limit, long current, long requested) {
        super("this token may have at most " + limit + " queued or running runs; its owner has " + current
                + " and the experiment would add " + requested);
        this.limit = limit;
        this.current = current;
        this.requested = requested;
    }

    public long limit() {
        return limit;
    }

    public long current() {
        return current;
    }

    public long requested() {
        return requested;
    }
}
