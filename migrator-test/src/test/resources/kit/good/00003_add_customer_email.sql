-- +goose Up
ALTER TABLE customers ADD COLUMN email text;
CREATE UNIQUE INDEX customers_email ON customers (lower(email));

-- +goose Down
DROP INDEX customers_email;
ALTER TABLE customers DROP COLUMN email;
