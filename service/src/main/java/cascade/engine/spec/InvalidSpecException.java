package cascade.engine.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be run; carries every bad field at once, never just the first. */
public final class InvalidSpecException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidSpecException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
