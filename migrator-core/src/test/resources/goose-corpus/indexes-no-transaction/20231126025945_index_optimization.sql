-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tuples_tenant_relation ON public.tuples (tenant_id, relation);
DROP INDEX CONCURRENTLY IF EXISTS idx_tuples_entity;

-- +goose Down
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tuples_entity ON public.tuples (tenant_id, entity_type, entity_id, relation);
DROP INDEX CONCURRENTLY IF EXISTS idx_tuples_tenant_relation;