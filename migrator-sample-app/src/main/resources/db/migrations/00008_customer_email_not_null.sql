-- Zero-downtime column, phase 3 of 3: enforce NOT NULL once every writer sets it.
-- A NOT VALID check constraint is added without scanning the table; VALIDATE scans
-- without blocking writes; SET NOT NULL then uses the valid constraint instead of a
-- second scan under an exclusive lock (PostgreSQL 12+).
-- +goose Up
ALTER TABLE customers ADD CONSTRAINT customers_email_present CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_email_present;
ALTER TABLE customers ALTER COLUMN email SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_email_present;

-- +goose Down
ALTER TABLE customers ALTER COLUMN email DROP NOT NULL;
