-- +goose Up
-- +goose StatementBegin
CREATE TYPE rider_tier AS ENUM ('standard', 'gold', 'platinum');

CREATE TABLE riders (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email       text NOT NULL UNIQUE,
    tier        rider_tier NOT NULL DEFAULT 'standard',
    is_active   boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP TABLE IF EXISTS riders;
DROP TYPE IF EXISTS rider_tier;
-- +goose StatementEnd
