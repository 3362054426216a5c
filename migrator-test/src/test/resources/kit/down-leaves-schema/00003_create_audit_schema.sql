-- +goose Up
CREATE SCHEMA audit;
CREATE TYPE audit.action AS ENUM ('insert', 'update', 'delete');
CREATE TABLE audit.events (id bigint PRIMARY KEY, action audit.action NOT NULL);

-- +goose Down
DROP TABLE audit.events;
DROP TYPE audit.action;
