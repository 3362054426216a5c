-- +goose Up
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers,
    amount numeric(12, 2) NOT NULL CHECK (amount > 0),
    placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE VIEW customer_totals AS
    SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id;

-- +goose Down
DROP VIEW customer_totals;
DROP TABLE orders;
