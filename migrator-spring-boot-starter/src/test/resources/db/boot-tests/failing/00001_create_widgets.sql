-- +goose Up
CREATE TABLE widgets (id bigint PRIMARY KEY);
-- +goose Down
DROP TABLE widgets;
