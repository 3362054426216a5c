-- +goose Up
CREATE TABLE wallets (
    id       serial PRIMARY KEY,
    owner    text NOT NULL,
    role     "Role" NOT NULL DEFAULT 'CUSTOMER',
    balance  numeric(12, 2) NOT NULL DEFAULT 0 CHECK (balance >= 0)
);

-- +goose Down
DROP TABLE wallets;
