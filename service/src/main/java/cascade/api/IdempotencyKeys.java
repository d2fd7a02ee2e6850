package cascade.api;

import org.jspecify.annotations.Nullable;

/** Idempotency-Key header rules: optional, at most 200 printable ASCII characters. */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    static @Nullable String check(@Nullable String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new BadParameterException("Idempotency-Key", "must be 1-200 printable ASCII characters");
        }
        return key;
    }
}
