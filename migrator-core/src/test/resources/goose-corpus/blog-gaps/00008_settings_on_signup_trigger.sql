-- +goose NO TRANSACTION
-- +goose Up
-- +goose StatementBegin
CREATE TRIGGER settings_on_signup 
AFTER INSERT ON users FOR EACH ROW 
EXECUTE PROCEDURE settings_on_signup();
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP TRIGGER settings_on_signup ON users;
-- +goose StatementEnd
