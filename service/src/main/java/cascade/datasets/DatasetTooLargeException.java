package cascade.datasets;

/** The upload is larger than cascade.datasets.max-size. */
public final class DatasetTooLargeException extends RuntimeException {

    public DatasetTooLargeException(long limit) {
        super("the upload is larger than the limit of " + limit + " bytes (cascade.datasets.max-size)");
    }
}
