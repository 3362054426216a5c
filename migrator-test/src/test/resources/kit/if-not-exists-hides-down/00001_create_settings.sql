-- +goose Up
CREATE TABLE IF NOT EXISTS settings (name text PRIMARY KEY);

-- +goose Down
-- The table is shared with another application: it stays.
