-- +goose Up
-- +goose StatementBegin
ALTER TABLE riders
DROP CONSTRAINT IF EXISTS riders_email_check;

ALTER TABLE riders
    ADD CONSTRAINT riders_email_check
        CHECK (email LIKE '%@%' AND email NOT IN ('root@localhost','admin@localhost'));
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
ALTER TABLE riders
DROP CONSTRAINT IF EXISTS riders_email_check;
-- +goose StatementEnd