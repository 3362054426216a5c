CREATE SCHEMA audit;
CREATE TYPE audit.action AS ENUM ('insert', 'update', 'delete');
CREATE TABLE audit.events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action audit.action NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
