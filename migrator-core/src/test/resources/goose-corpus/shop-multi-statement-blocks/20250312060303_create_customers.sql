-- +goose Up
-- +goose StatementBegin
create table if not exists customers (
  id serial primary key,
  email text not null unique,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

CREATE TRIGGER customers_touch
BEFORE UPDATE ON customers
FOR EACH ROW
EXECUTE FUNCTION touch_row();
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
drop table if exists customers;
-- +goose StatementEnd
