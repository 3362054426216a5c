-- +goose Up
CREATE FUNCTION note_count() RETURNS bigint LANGUAGE plpgsql AS
-- +goose StatementBegin
$$
BEGIN
    RETURN (SELECT count(*) FROM notes);
END;
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION note_count();
