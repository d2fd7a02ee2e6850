package cascade.access;

import java.util.UUID;

/** No token with this id. */
public final class TokenNotFoundException extends RuntimeException {

    public TokenNotFoundException(UUID id) {
        super("token " + id + " does not exist");
    }

    TokenNotFoundException(String message) {
        super(message);
    }
}
