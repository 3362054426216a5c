-- +goose Up
-- +goose StatementBegin
create table if not exists orders (
  id serial primary key,
  customer_id int not null,
  amount_cents bigint not null,
  updated_at timestamptz default now(),
  constraint fk_orders_customer_id foreign key (customer_id) references customers (id)
);

CREATE TRIGGER orders_touch
BEFORE UPDATE ON orders
FOR EACH ROW
EXECUTE FUNCTION touch_row();
-- the trigger above keeps updated_at current
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
drop table if exists orders;
-- +goose StatementEnd
