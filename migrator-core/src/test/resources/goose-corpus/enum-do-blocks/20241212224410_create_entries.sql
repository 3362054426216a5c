-- +goose Up
CREATE TABLE entries (
    id         bigserial PRIMARY KEY,
    wallet_id  int NOT NULL REFERENCES wallets (id),
    kind       entry_kind NOT NULL,
    amount     numeric(12, 2) NOT NULL,
    note       text DEFAULT 'it''s a transfer; not a split point'
);
-- +goose Down
DROP TABLE entries;
