-- Experiments and their runs. The run table is the queue (claim with FOR UPDATE SKIP LOCKED,
-- a lease renewed by heartbeats, a reaper for expired leases); it is the single source of truth
-- for what has been computed. Status values mirror cascade.runs.RunStatus / ExperimentStatus.

CREATE TABLE experiment (
    id              uuid        PRIMARY KEY,
    name            text        NOT NULL,
    tags            text[]      NOT NULL DEFAULT '{}',
    owner           text        NOT NULL,
    spec            jsonb       NOT NULL,
    status          text        NOT NULL
        CONSTRAINT experiment_status_check CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    idempotency_key text,
    runs_total      integer     NOT NULL CHECK (runs_total > 0),
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    CONSTRAINT experiment_idempotency UNIQUE (owner, idempotency_key)
);

CREATE INDEX experiment_page ON experiment (created_at DESC, id DESC);
CREATE INDEX experiment_tags ON experiment USING gin (tags);

CREATE TABLE run (
    id              uuid        PRIMARY KEY,
    experiment_id   uuid        NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    estimator_index integer     NOT NULL CHECK (estimator_index >= 0),
    estimator       text        NOT NULL,
    n               integer     NOT NULL CHECK (n > 0),
    seed            bigint      NOT NULL,
    status          text        NOT NULL
        CONSTRAINT run_status_check CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    priority        integer     NOT NULL DEFAULT 0,
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts    integer     NOT NULL CHECK (max_attempts > 0),
    available_at    timestamptz NOT NULL,
    leased_by       text,
    lease_until     timestamptz,
    heartbeat_at    timestamptz,
    started_at      timestamptz,
    finished_at     timestamptz,
    outcome         jsonb,
    error           text,
    created_at      timestamptz NOT NULL,
    CONSTRAINT run_unit UNIQUE (experiment_id, estimator_index, n, seed),
    -- A running run always has a lease; a finished one never does.
    CONSTRAINT run_lease_check CHECK ((status = 'RUNNING') = (leased_by IS NOT NULL AND lease_until IS NOT NULL)),
    CONSTRAINT run_outcome_check CHECK (status <> 'SUCCEEDED' OR outcome IS NOT NULL)
);

-- The claim query: oldest available queued run by priority.
CREATE INDEX run_claim ON run (priority, created_at) WHERE status = 'QUEUED';
-- The reaper: running runs by lease expiry.
CREATE INDEX run_lease ON run (lease_until) WHERE status = 'RUNNING';
CREATE INDEX run_by_experiment ON run (experiment_id, estimator_index, n, seed);
