package cascade.engine.spec;

/**
 * One problem with one field of a spec. {@code field} is a dotted path with list indices,
 * e.g. {@code teacher.secondLayer.gamma} or {@code estimators[1].ridge}.
 */
public record FieldError(String field, String message) {
}
