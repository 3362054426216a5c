-- +goose Up
-- +goose StatementBegin
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'corpus_ride_app') THEN
    -- In dev it may log in; in prod you’ll manage this outside migrations, and it's never a superuser
CREATE ROLE corpus_ride_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
END IF;
END$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'corpus_ride_app') THEN
    REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA public FROM corpus_ride_app;
DROP ROLE corpus_ride_app;
END IF;
END$$;
-- +goose StatementEnd