-- +goose Up
CREATE TABLE cities (name text, country char(2) REFERENCES countries);
-- +goose Down
DROP TABLE cities;
