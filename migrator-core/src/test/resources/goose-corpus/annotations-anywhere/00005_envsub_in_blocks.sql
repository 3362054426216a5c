-- +goose Up
-- +goose ENVSUB ON
-- +goose StatementBegin
DO $$
BEGIN
    EXECUTE format('COMMENT ON TABLE notes IS %L', '${APP_NAME} in ${REGION:-${DEFAULT_REGION}}');
END $$;
-- +goose StatementEnd
CREATE FUNCTION region_code() RETURNS text LANGUAGE sql AS $body$ SELECT '${REGION_NAME:0:3}' $body$;
CREATE FUNCTION first_arg(text) RETURNS text LANGUAGE sql AS $$ SELECT $1 $$;
-- +goose ENVSUB OFF

-- +goose Down
DROP FUNCTION first_arg(text);
DROP FUNCTION region_code();
COMMENT ON TABLE notes IS NULL;
