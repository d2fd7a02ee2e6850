-- Uploaded datasets (issue #5). The uploaded bytes are kept as they came, in 1 MiB bytea chunks
-- (one row per chunk), so every worker sharing this database can load them, a delete cascades,
-- and each chunk is read in its own short query. `part` numbers the uploaded files (0; for a
-- .npy pair 0 = features, 1 = labels). The metadata repeats what validation found.

CREATE TABLE dataset (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    owner       text        NOT NULL,
    format      text        NOT NULL CHECK (format IN ('csv', 'npz', 'npy')),
    layout      jsonb       NOT NULL,   -- label column, array names
    rows        integer     NOT NULL CHECK (rows > 0),
    columns     integer     NOT NULL CHECK (columns > 0),
    labels      jsonb       NOT NULL,   -- label summary: count, min, max, mean, classes
    sha256      text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes  bigint      NOT NULL CHECK (size_bytes > 0),
    created_at  timestamptz NOT NULL
);

CREATE INDEX dataset_by_owner ON dataset (owner, created_at DESC, id DESC);

CREATE TABLE dataset_chunk (
    dataset_id  uuid     NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    part        smallint NOT NULL CHECK (part >= 0),
    seq         integer  NOT NULL CHECK (seq >= 0),
    data        bytea    NOT NULL,
    PRIMARY KEY (dataset_id, part, seq)
);

-- Numeric arrays barely compress; store chunks out of line without TOAST compression.
ALTER TABLE dataset_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
