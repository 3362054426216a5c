-- Zero-downtime column, phase 1 of 3: add it nullable. The running (old) version of the
-- app does not know the column and keeps working; the new version writes it.
-- +goose Up
ALTER TABLE customers ADD COLUMN email text;

-- +goose Down
ALTER TABLE customers DROP COLUMN email;
