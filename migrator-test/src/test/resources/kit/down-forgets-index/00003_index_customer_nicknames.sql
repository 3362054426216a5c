-- +goose Up
ALTER TABLE customers ADD COLUMN nickname text;
CREATE INDEX customers_name_and_id ON customers (name, id);

-- +goose Down
ALTER TABLE customers DROP COLUMN nickname;
