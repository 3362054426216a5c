-- +goose Up
CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);
INSERT INTO accounts (id, name) VALUES (1, 'first');
-- +goose Down
DROP TABLE accounts;
