


-- +goose Up




-- +goose StatementBegin
CREATE
OR REPLACE FUNCTION article_archive_creation( DATE, DATE )
returns void AS $$
DECLARE
create_query text;
BEGIN
FOR create_query IN
SELECT 'CREATE TABLE IF NOT EXISTS article_archive_'
           || TO_CHAR(d, 'YYYY_MM')
           || ' ( CHECK( published_at >= timestamp '''
           || TO_CHAR(d, 'YYYY-MM-DD 00:00:00')
           || ''' AND published_at < timestamp '''
           || TO_CHAR(d + INTERVAL '1 month', 'YYYY-MM-DD 00:00:00')
           || ''' ) ) inherits ( article );'
FROM generate_series($1, $2, '1 month') AS d LOOP
    EXECUTE create_query;
END LOOP;  -- LOOP END
END;         -- FUNCTION END
$$
language plpgsql;
-- +goose StatementEnd