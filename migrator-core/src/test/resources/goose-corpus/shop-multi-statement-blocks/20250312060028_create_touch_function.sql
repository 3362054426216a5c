-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION touch_row()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP FUNCTION IF EXISTS touch_row;
-- +goose StatementEnd
