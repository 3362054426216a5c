-- +goose Up
CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);
-- +goose Down
DROP TABLE accounts;
