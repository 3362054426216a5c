-- +goose Up
CREATE TABLE guarded_riders (id int PRIMARY KEY, tier text NOT NULL);

-- +goose Down
DROP TABLE guarded_riders;
