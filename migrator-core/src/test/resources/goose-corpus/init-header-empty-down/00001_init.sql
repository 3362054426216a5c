-- First migration of this service, kept from the scaffold.
--
-- Every file here needs a -- +goose Up annotation; a -- +goose Down annotation
-- may follow it. Putting -- +goose NO TRANSACTION at the top would run the file
-- outside a transaction; wrap bodies holding semicolons between
-- -- +goose StatementBegin and -- +goose StatementEnd.
--

-- +goose Up
-- +goose StatementBegin
CREATE TABLE threads (
  id serial primary key not null,
  subject text not null,
  reply_count int not null default 0
);
CREATE TABLE replies (
  id serial primary key not null,
  body text not null,
  thread_id int references threads (id) on delete cascade
);
-- +goose StatementEnd
-- +goose Down
DROP TABLE replies;
DROP TABLE threads;
