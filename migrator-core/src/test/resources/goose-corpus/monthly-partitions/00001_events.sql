-- +goose Up
CREATE TABLE events (
    id          bigserial,
    happened_on date NOT NULL,
    payload     jsonb NOT NULL DEFAULT '{}'
) PARTITION BY RANGE (happened_on);

-- +goose Down
DROP TABLE events;
