-- +goose Up
-- +goose StatementBegin
CREATE TABLE user_settings (
    user_id  uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    theme    text NOT NULL DEFAULT 'light'
);
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP TABLE user_settings;
-- +goose StatementEnd
