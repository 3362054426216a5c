-- +goose Up
-- Active loans used 0 as "not returned"; the largest xid8 sorts after every real one.

UPDATE loans 
SET returned_tx = '9223372036854775807'::xid8 
WHERE returned_tx = '0'::xid8;

ALTER TABLE loans 
ALTER COLUMN returned_tx SET DEFAULT '9223372036854775807'::xid8;

ALTER TABLE members
    ADD COLUMN IF NOT EXISTS branch VARCHAR NOT NULL DEFAULT 'main',
    ADD CONSTRAINT uq_members_branch_name UNIQUE (branch, full_name);

-- +goose Down
-- back to 0

ALTER TABLE members
    DROP CONSTRAINT IF EXISTS uq_members_branch_name,
    DROP COLUMN IF EXISTS branch;

ALTER TABLE loans 
ALTER COLUMN returned_tx SET DEFAULT '0'::xid8;

UPDATE loans 
SET returned_tx = '0'::xid8 
WHERE returned_tx = '9223372036854775807'::xid8;