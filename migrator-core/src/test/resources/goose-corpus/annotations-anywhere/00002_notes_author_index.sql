-- +goose Up
-- +goose StatementBegin
-- +goose NO TRANSACTION
CREATE INDEX CONCURRENTLY notes_author_idx ON notes (author);
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP INDEX CONCURRENTLY IF EXISTS notes_author_idx;
-- +goose StatementEnd
