-- +goose Up
CREATE TABLE loans (
    id            uuid PRIMARY KEY,
    member_id     VARCHAR NOT NULL
        REFERENCES members(id),
    book_title    TEXT NOT NULL,
    lent_tx       xid8 NOT NULL DEFAULT '0'::xid8,
    returned_tx   xid8 NOT NULL DEFAULT '0'::xid8
);

CREATE UNIQUE INDEX uq_loans_member_title
    ON loans(member_id, book_title);

-- +goose Down
DROP INDEX uq_loans_member_title;

DROP TABLE loans;
