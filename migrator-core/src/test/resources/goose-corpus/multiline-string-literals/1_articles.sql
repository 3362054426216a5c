-- +goose Up
CREATE TABLE article
(
    id    int NOT NULL,
    title text,
    body  text,
    PRIMARY KEY (id)
);

ALTER TABLE article ADD published_at TIMESTAMP NOT NULL DEFAULT now(); -- old rows get the migration time

INSERT INTO article (id, title) VALUES (1,
'A title over
three lines

with a blank line in it');

-- +goose Down
DROP TABLE article;
