-- +goose Up
-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'entry_kind') THEN
        CREATE TYPE entry_kind AS ENUM ('CREDIT', 'DEBIT');
    END IF;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP TYPE IF EXISTS entry_kind;
-- +goose StatementEnd