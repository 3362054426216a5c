-- +goose Up
CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id));
-- +goose Down
DROP TABLE orders;
