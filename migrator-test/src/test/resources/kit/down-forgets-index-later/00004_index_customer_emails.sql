-- +goose Up
CREATE INDEX customers_email ON customers (email);

-- +goose Down
-- Forgot: DROP INDEX customers_email;
