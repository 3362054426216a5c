-- Customers and the countries they live in. Version 2 (a Java migration) seeds the countries.
-- +goose Up
CREATE TABLE countries (
    code char(2) PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    country char(2) NOT NULL REFERENCES countries,
    order_total numeric(12, 2) NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE customers;
DROP TABLE countries;
