-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY orders_placed_at ON orders (placed_at);

-- +goose Down
DROP INDEX CONCURRENTLY orders_placed_at;
