-- +goose Up
ALTER TABLE settings ADD COLUMN IF NOT EXISTS retention_days int DEFAULT 30;

-- +goose Down
ALTER TABLE settings ALTER COLUMN retention_days SET DEFAULT 7;
