-- +goose Up
CREATE OR REPLACE FUNCTION normalize_email(address text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(address)) $$;

-- +goose Down
-- Forgot: DROP FUNCTION normalize_email(text);
