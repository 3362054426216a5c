-- +goose NO TRANSACTION
-- +goose Up
CREATE TABLE gizmos (id bigint PRIMARY KEY);
INSERT INTO no_such_table (id) VALUES (1);
-- +goose Down
DROP TABLE gizmos;
