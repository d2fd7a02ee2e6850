package cascade.access;

import cascade.engine.spec.FieldError;
import java.util.List;

/** A spec asks for more than the caller's token allows; {@link #errors()} names every field. */
public final class LimitExceededException extends RuntimeException {

    private final List<FieldError> errors;

    LimitExceededException(List<FieldError> errors) {
        super(String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
