package cascade.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token secrets: 32 bytes from {@link SecureRandom} (256 bits), URL-safe base64 behind a "cas_"
 * prefix that secret scanners can match. Stored as SHA-256: with 256 bits of entropy no
 * dictionary or brute force applies, so a fast hash is as safe as a slow one and lets every
 * request find its token through a unique index.
 */
final class TokenSecrets {

    static final String PREFIX = "cas_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
