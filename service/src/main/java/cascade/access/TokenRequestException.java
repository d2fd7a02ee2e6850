package cascade.access;

/** A token request with a bad field (name, owner, role or a limit). */
public final class TokenRequestException extends RuntimeException {

    private final String field;

    public TokenRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
