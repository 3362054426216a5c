-- +goose Up
CREATE TABLE widgets (id int);

-- +goose Down
DROP TABLE widgets;
