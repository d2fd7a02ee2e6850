package cascade.api;

/** The caller is known but may not do this (e.g. change another owner's experiment); a 403. */
final class ForbiddenException extends RuntimeException {

    ForbiddenException(String message) {
        super(message);
    }
}
