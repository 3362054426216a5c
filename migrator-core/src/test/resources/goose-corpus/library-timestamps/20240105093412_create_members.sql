-- +goose Up
CREATE TABLE IF NOT EXISTS members (
   id          VARCHAR  NOT NULL,
   full_name   VARCHAR NOT NULL,
   joined_at   TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC') NOT NULL,
   updated_at  TIMESTAMP,
   CONSTRAINT pk_members PRIMARY KEY (id)
);

-- every branch starts with its founding member
INSERT INTO members (id, full_name) VALUES ('m1', 'first member');

CREATE TRIGGER members_touch
BEFORE UPDATE ON members
FOR EACH ROW
EXECUTE PROCEDURE touch_updated_at();


-- +goose Down
DROP TRIGGER IF EXISTS members_touch ON members;
DROP TABLE IF EXISTS members;
