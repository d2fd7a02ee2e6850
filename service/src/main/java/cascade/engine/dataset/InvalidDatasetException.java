package cascade.engine.dataset;

/**
 * Uploaded bytes that are not a usable dataset. The message names the problem and where it is
 * (part, row and column, array name, dtype), e.g. {@code row 7, column 'x2': 'abc' is not a number}.
 *
 * @see DatasetReader
 */
public final class InvalidDatasetException extends RuntimeException {

    private final String part;

    public InvalidDatasetException(String part, String message) {
        super(message);
        this.part = part;
    }

    /** The upload part the problem is in: body, features or labels. */
    public String part() {
        return part;
    }
}
