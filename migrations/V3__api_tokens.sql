-- API tokens (cascade.access). Only the SHA-256 of a token is stored: tokens are 32 random bytes
-- (256 bits), so a fast hash is preimage-safe and lets each request find its token by index;
-- slow password hashes (bcrypt, argon2) exist for low-entropy secrets chosen by people.
-- Limits are per token; NULL means unlimited.

CREATE TABLE api_token (
    id              uuid        PRIMARY KEY,
    name            text        NOT NULL,
    owner           text        NOT NULL,
    role            text        NOT NULL
        CONSTRAINT api_token_role_check CHECK (role IN ('READER', 'SUBMITTER', 'ADMIN')),
    token_hash      bytea       NOT NULL CONSTRAINT api_token_hash_unique UNIQUE
        CONSTRAINT api_token_hash_length CHECK (octet_length(token_hash) = 32),
    max_queued_runs integer     CHECK (max_queued_runs >= 0),
    max_n           integer     CHECK (max_n > 0),
    max_width       integer     CHECK (max_width > 0),
    max_test_n      integer     CHECK (max_test_n > 0),
    created_at      timestamptz NOT NULL,
    revoked_at      timestamptz
);

CREATE INDEX api_token_listing ON api_token (created_at DESC, id DESC);
