-- +goose Up
CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, author text);

-- +goose Down
DROP TABLE notes;
