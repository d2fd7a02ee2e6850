package cascade.access;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cascade.access.*}, checked when the service starts.
 *
 * @param enabled        require a bearer token on every request except health (default false:
 *                       a single-user local run where every caller is the owner "local")
 * @param bootstrapToken an admin token accepted from the start (e.g. env
 *                       CASCADE_ACCESS_BOOTSTRAP_TOKEN), at least 32 characters; only its hash
 *                       is kept in memory, it is never stored. Use it to create real tokens.
 * @param bootstrapTokenFile where to read the bootstrap token when {@code bootstrapToken} is not
 *                       set; the file is created with a fresh token (owner-only permissions) when
 *                       it does not exist (the container image and docker-compose use this)
 * @param bootstrapOwner the owner the bootstrap token acts as (default "admin")
 */
@ConfigurationProperties("cascade.access")
record AccessProperties(Boolean enabled, @Nullable String bootstrapToken, @Nullable Path bootstrapTokenFile,
        String bootstrapOwner) {

    AccessProperties {
        enabled = enabled != null && enabled;
        bootstrapToken = bootstrapToken == null || bootstrapToken.isBlank() ? null : bootstrapToken;
        bootstrapOwner = bootstrapOwner == null || bootstrapOwner.isBlank() ? "admin" : bootstrapOwner;
        if (bootstrapToken != null && bootstrapToken.length() < 32) {
            throw new IllegalArgumentException("cascade.access.bootstrap-token must be at least 32 characters "
                    + "(e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(32))')");
        }
    }
}
