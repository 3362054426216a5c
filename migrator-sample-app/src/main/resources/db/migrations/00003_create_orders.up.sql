-- A golang-migrate style pair: this file is the up part, 00003_create_orders.down.sql the down part.
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers,
    amount numeric(12, 2) NOT NULL CHECK (amount > 0),
    placed_at timestamptz NOT NULL DEFAULT now()
);
