-- +goose Up
-- +goose StatementBegin
SELECT 'up SQL query';
CREATE TABLE members (
    handle text primary key
);
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
SELECT 'down SQL query';
DROP TABLE members
-- +goose StatementEnd
