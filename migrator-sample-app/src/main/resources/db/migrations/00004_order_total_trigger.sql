-- Keeps customers.order_total current. The function body holds semicolons, so it is one
-- statement between StatementBegin and StatementEnd (migrator would also split it right
-- without them, thanks to the dollar quotes; goose needs them).
-- +goose Up
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
