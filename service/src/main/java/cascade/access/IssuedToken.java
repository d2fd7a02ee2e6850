package cascade.access;

/** A newly created token with its secret, shown this once (only its hash is stored). */
public record IssuedToken(TokenView token, String secret) {
}
