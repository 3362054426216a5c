-- +goose Up
CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
CREATE INDEX customers_name ON customers (name);
COMMENT ON TABLE customers IS 'People who order';

-- +goose Down
DROP TABLE customers;
