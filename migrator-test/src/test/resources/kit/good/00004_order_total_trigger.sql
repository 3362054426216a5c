-- +goose Up
ALTER TABLE customers ADD COLUMN order_total numeric(12, 2) NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE FUNCTION add_order_to_total() RETURNS trigger AS $$
BEGIN
    UPDATE customers SET order_total = order_total + NEW.amount WHERE id = NEW.customer_id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER orders_add_to_total AFTER INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION add_order_to_total();

-- +goose Down
DROP TRIGGER orders_add_to_total ON orders;
DROP FUNCTION add_order_to_total();
ALTER TABLE customers DROP COLUMN order_total;
