-- +goose Up
-- +goose NO TRANSACTION

-- CREATE INDEX CONCURRENTLY cannot run inside a transaction block (SQLSTATE 25001)
CREATE INDEX CONCURRENTLY idx_tuples_token ON tuples (token);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS idx_tuples_token;
