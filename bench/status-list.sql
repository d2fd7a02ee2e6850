-- Why experiment.status is stored (derived from the runs under the experiment's row lock) rather than
-- computed on read: GET /experiments?status=... pages on one table. This builds 5000 experiments of 16
-- runs in a throwaway schema and times the stored filter against the same page derived from the runs.
-- Run: psql -h 127.0.0.1 -U postgres -d DB -f bench/status-list.sql   (drops schema bench_status at the end)
DROP SCHEMA IF EXISTS bench_status CASCADE;
CREATE SCHEMA bench_status;
SET search_path TO bench_status;
CREATE TABLE experiment (
    id uuid PRIMARY KEY, name text NOT NULL, tags text[] NOT NULL DEFAULT '{}', owner text NOT NULL,
    spec jsonb NOT NULL, status text NOT NULL, idempotency_key text, runs_total integer NOT NULL,
    created_at timestamptz NOT NULL, started_at timestamptz, finished_at timestamptz);
CREATE INDEX experiment_page ON experiment (created_at DESC, id DESC);
CREATE TABLE run (
    id uuid PRIMARY KEY, experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    estimator_index integer NOT NULL, estimator text NOT NULL, n integer NOT NULL, seed bigint NOT NULL,
    status text NOT NULL, priority integer NOT NULL DEFAULT 0, attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL, available_at timestamptz NOT NULL, created_at timestamptz NOT NULL);
CREATE INDEX run_by_experiment ON run (experiment_id, estimator_index, n, seed);
-- 5000 experiments of 16 runs; the newest 20 are RUNNING (half their runs done), the rest SUCCEEDED
INSERT INTO experiment SELECT gen_random_uuid(), 'e' || i, '{test}', 'o', '{}'::jsonb,
       CASE WHEN i > 4980 THEN 'RUNNING' ELSE 'SUCCEEDED' END, NULL, 16,
       timestamptz '2026-01-01' + i * interval '1 minute', NULL, NULL
  FROM generate_series(1, 5000) i;
INSERT INTO run SELECT gen_random_uuid(), e.id, k % 2, 'x', 100 * (k + 1), k / 2,
       CASE WHEN e.status = 'RUNNING' AND k >= 8 THEN 'QUEUED' ELSE 'SUCCEEDED' END, k, 1, 3, e.created_at, e.created_at
  FROM experiment e, generate_series(0, 15) k;
ANALYZE experiment; ANALYZE run;
-- (A) stored status, as the service runs it: page of RUNNING, then counts for the page
EXPLAIN (ANALYZE, BUFFERS OFF, SUMMARY ON, TIMING OFF) SELECT e.id FROM experiment e WHERE e.status = 'RUNNING' ORDER BY e.created_at DESC, e.id DESC LIMIT 51;
-- (B) derived from the runs: the status computed per experiment before filtering and paging
EXPLAIN (ANALYZE, BUFFERS OFF, SUMMARY ON, TIMING OFF)
SELECT e.id FROM experiment e
  JOIN LATERAL (SELECT count(*) FILTER (WHERE status IN ('QUEUED','RUNNING')) AS active,
                       count(*) FILTER (WHERE status <> 'QUEUED') AS started
                  FROM run r WHERE r.experiment_id = e.id) c ON true
 WHERE c.active > 0 AND c.started > 0
 ORDER BY e.created_at DESC, e.id DESC LIMIT 51;
-- (B') derived, filter for an old status near the end of the pages (SUCCEEDED is everywhere, so ask for FAILED: none)
EXPLAIN (ANALYZE, BUFFERS OFF, SUMMARY ON, TIMING OFF)
SELECT e.id FROM experiment e
  JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'FAILED') AS failed,
                       count(*) FILTER (WHERE status IN ('QUEUED','RUNNING')) AS active
                  FROM run r WHERE r.experiment_id = e.id) c ON true
 WHERE c.active = 0 AND c.failed > 0
 ORDER BY e.created_at DESC, e.id DESC LIMIT 51;
EXPLAIN (ANALYZE, BUFFERS OFF, SUMMARY ON, TIMING OFF) SELECT e.id FROM experiment e WHERE e.status = 'FAILED' ORDER BY e.created_at DESC, e.id DESC LIMIT 51;
DROP SCHEMA bench_status CASCADE;
