-- Zero-downtime column, phase 2 of 3: backfill rows written before the new version
-- rolled out. In a big table this would be done in batches; here one statement does.
-- +goose Up
UPDATE customers
   SET email = lower(replace(name, ' ', '.')) || '@example.invalid'
 WHERE email IS NULL;

-- +goose Down
-- Nothing to undo: the backfilled values disappear with the column in version 6's down.
