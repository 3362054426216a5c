
-- +goose Up
-- SQL in section 'Up' is executed when this migration is applied
CREATE INDEX index_venues_on_name ON venues USING gin (venue_name gin_trgm_ops);


-- +goose Down
-- SQL section 'Down' is executed when this migration is rolled back
DROP INDEX index_venues_on_name;
