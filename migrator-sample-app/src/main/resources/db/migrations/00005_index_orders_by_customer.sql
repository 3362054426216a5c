-- CREATE INDEX CONCURRENTLY cannot run inside a transaction. migrator records this
-- migration as "started" before and "applied" after; a crash in between is visible and
-- blocks later runs until a human checks the index and runs repair.
-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY orders_customer_id ON orders (customer_id);

-- +goose Down
DROP INDEX CONCURRENTLY orders_customer_id;
