-- Baselines: per experiment name, the finished experiment that "against": "baseline"
-- expectations compare with (POST /experiments/{id}/baseline). Marking again replaces it;
-- deleting the experiment removes its baseline.

CREATE TABLE baseline (
    name          text        PRIMARY KEY,
    experiment_id uuid        NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    marked_at     timestamptz NOT NULL
);

CREATE INDEX baseline_experiment ON baseline (experiment_id);
