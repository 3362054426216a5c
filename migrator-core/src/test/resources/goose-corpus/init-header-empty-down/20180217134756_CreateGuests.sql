
-- +goose Up
-- SQL in section 'Up' is executed when this migration is applied
CREATE TABLE guests (
  id integer primary key,
  nickname varchar(255),
  visits integer
);

-- +goose Down
-- SQL section 'Down' is executed when this migration is rolled back
