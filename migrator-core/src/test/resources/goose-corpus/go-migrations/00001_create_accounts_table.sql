-- +goose Up
CREATE TABLE accounts (
    id serial NOT NULL,
    login text,
    given_name text,
    family_name text
);

INSERT INTO accounts VALUES
(0, 'admin', '', ''),
(1, 'ada', 'Ada', 'Lovelace');

-- +goose Down
DROP TABLE accounts;
