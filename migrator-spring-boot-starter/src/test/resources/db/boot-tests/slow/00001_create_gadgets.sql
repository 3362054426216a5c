-- +goose Up
CREATE TABLE gadgets (id bigint PRIMARY KEY);
-- +goose Down
DROP TABLE gadgets;
