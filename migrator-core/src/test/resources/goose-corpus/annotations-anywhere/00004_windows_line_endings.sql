-- +goose Up
INSERT INTO notes (id, body) VALUES (1, 'first line
second line');

-- +goose Down
DELETE FROM notes WHERE id = 1;
