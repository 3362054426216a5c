-- +goose Up
-- SQL in this section is executed when the migration is applied.
CREATE TABLE venues(
    id SERIAL PRIMARY KEY,
    venue_name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT ''
);

-- +goose Down 
-- SQL in this section is executed when the migration is rolled back.
DROP TABLE venues;