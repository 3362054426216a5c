-- +goose Up
ALTER TABLE widgets ADD COLUMN size int;

INSERT INTO no_such_table (id) VALUES (1);
-- +goose Down
ALTER TABLE widgets DROP COLUMN size;
