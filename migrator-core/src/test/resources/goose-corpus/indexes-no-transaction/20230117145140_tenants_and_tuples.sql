-- +goose Up
CREATE TABLE IF NOT EXISTS tenants (
   id   VARCHAR  NOT NULL,
   name VARCHAR NOT NULL,
   CONSTRAINT pk_tenants PRIMARY KEY (id)
);

INSERT INTO tenants (id, name) VALUES ('t1', 'example tenant');

CREATE TABLE IF NOT EXISTS tuples (
   tenant_id   VARCHAR NOT NULL DEFAULT 't1',
   entity_type VARCHAR NOT NULL,
   entity_id   VARCHAR NOT NULL,
   relation    VARCHAR NOT NULL,
   token       VARCHAR
);

CREATE INDEX IF NOT EXISTS idx_tuples_entity ON tuples (tenant_id, entity_type, entity_id, relation);

-- +goose Down
DROP TABLE IF EXISTS tuples;
DROP TABLE IF EXISTS tenants;
