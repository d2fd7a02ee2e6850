package cascade.engine.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec that cannot be run; carries every bad field at once, never just the first. What it keeps
 * is bounded: at most {@link #MAX_ERRORS} errors (the rest are counted in {@link #omitted()}), and
 * its message names at most {@link #MAX_IN_MESSAGE} of them, so a small body full of bad items
 * cannot make a large answer.
 */
public final class InvalidSpecException extends RuntimeException {

    /** Errors kept and returned to the caller. */
    public static final int MAX_ERRORS = 100;
    /** Errors spelled out in the message (the problem detail's {@code detail}). */
    static final int MAX_IN_MESSAGE = 10;

    private final List<FieldError> errors;
    private final int omitted;

    public InvalidSpecException(List<FieldError> errors) {
        super(message(errors));
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
        this.omitted = errors.size() - this.errors.size();
    }

    /** The first {@link #MAX_ERRORS} bad fields, in the order they were found. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Bad fields found beyond {@link #errors()}. */
    public int omitted() {
        return omitted;
    }

    /** Every bad field found, kept or not. */
    public int total() {
        return errors.size() + omitted;
    }

    private static String message(List<FieldError> errors) {
        String shown = errors.stream().limit(MAX_IN_MESSAGE).map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; "));
        return errors.size() <= MAX_IN_MESSAGE ? shown : shown + "; and " + (errors.size() - MAX_IN_MESSAGE) + " more";
    }
}
