-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION create_month_partition(month_start date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    partition_name text := 'events_' || to_char(month_start, 'YYYY_MM');
BEGIN
    EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                   partition_name, month_start, (month_start + interval '1 month')::date);
    RETURN partition_name;
END;
$$;
-- +goose StatementEnd

SELECT create_month_partition(month_start::date)
FROM generate_series(date '2026-01-01', date '2026-05-01', interval '1 month') AS month_start;

-- +goose Down
DROP TABLE IF EXISTS events_2026_01, events_2026_02, events_2026_03, events_2026_04, events_2026_05;
DROP FUNCTION create_month_partition(date);
