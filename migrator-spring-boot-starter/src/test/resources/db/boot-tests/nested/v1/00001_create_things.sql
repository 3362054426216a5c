-- +goose Up
CREATE TABLE things (id bigint PRIMARY KEY);
-- +goose Down
DROP TABLE things;
