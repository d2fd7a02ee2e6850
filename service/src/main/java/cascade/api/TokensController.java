package cascade.api;

import cascade.access.AccessTokens;
import cascade.access.IssuedToken;
import cascade.access.Role;
import cascade.access.TokenLimits;
import cascade.access.TokenRequestException;
import cascade.access.TokenView;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Token management (admin only, enforced by {@link AccessFilter}): issue, list, revoke. */
@RestController
@RequestMapping("/tokens")
class TokensController {

    private final AccessTokens tokens;
    private final JsonMapper json;

    TokensController(AccessTokens tokens, JsonMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedToken> create(@RequestBody JsonNode body) {
        // Unknown fields are an error: a typo in "limits" must not issue an unlimited token.
        onlyKnownFields(body, "", TokenRequest.class);
        if (body.path("limits").isObject()) {
            onlyKnownFields(body.get("limits"), "limits.", LimitsBody.class);
        }
        TokenRequest request = json.treeToValue(body, TokenRequest.class);
        IssuedToken issued = tokens.issue(request.name(), request.owner(), role(request.role()),
                request.limits() == null ? TokenLimits.NONE : request.limits().toLimits());
        return ResponseEntity.created(URI.create("/tokens/" + issued.token().id()))
                .header("Cache-Control", "no-store")
                .body(CreatedToken.of(issued));
    }

    @GetMapping
    List<TokenResponse> list() {
        return tokens.list().stream().map(TokenResponse::of).toList();
    }

    /** Revokes the configured bootstrap admin token for good (it stays refused while configured). */
    @DeleteMapping("/bootstrap")
    ResponseEntity<Void> revokeBootstrap() {
        tokens.revokeBootstrap();
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }

    private static void onlyKnownFields(JsonNode object, String prefix, Class<? extends Record> type) {
        if (!object.isObject()) {
            throw new TokenRequestException(prefix.isEmpty() ? "$" : prefix.substring(0, prefix.length() - 1),
                    "must be an object");
        }
        var known = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        for (String field : object.propertyNames()) {
            if (!known.contains(field)) {
                throw new TokenRequestException(prefix + field, "unknown field; known: " + String.join(", ", known));
            }
        }
    }

    private static Role role(@Nullable String role) {
        try {
            return Role.valueOf(role == null ? "" : role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TokenRequestException("role", "must be one of reader, submitter, admin");
        }
    }

    record TokenRequest(String name, @Nullable String owner, @Nullable String role, @Nullable LimitsBody limits) {
    }

    record LimitsBody(@Nullable Integer maxQueuedRuns, @Nullable Integer maxN, @Nullable Integer maxWidth,
            @Nullable Integer maxTestN) {

        TokenLimits toLimits() {
            try {
                return new TokenLimits(maxQueuedRuns, maxN, maxWidth, maxTestN);
            } catch (IllegalArgumentException e) {
                throw new TokenRequestException("limits", e.getMessage());
            }
        }

        static LimitsBody of(TokenLimits l) {
            return new LimitsBody(l.maxQueuedRuns(), l.maxN(), l.maxWidth(), l.maxTestN());
        }
    }

    /** A token as listed (api-spec schema Token); never the secret. */
    record TokenResponse(UUID id, String name, String owner, String role, LimitsBody limits, Instant createdAt,
            @Nullable Instant revokedAt) {

        static TokenResponse of(TokenView t) {
            return new TokenResponse(t.id(), t.name(), t.owner(), t.role().name().toLowerCase(Locale.ROOT),
                    LimitsBody.of(t.limits()), t.createdAt(), t.revokedAt());
        }
    }

    /** The answer to a creation (schema CreatedToken): the token and, this once, its secret. */
    record CreatedToken(UUID id, String name, String owner, String role, LimitsBody limits, Instant createdAt,
            String token) {

        static CreatedToken of(IssuedToken issued) {
            TokenResponse t = TokenResponse.of(issued.token());
            return new CreatedToken(t.id(), t.name(), t.owner(), t.role(), t.limits(), t.createdAt(), issued.secret());
        }
    }
}
