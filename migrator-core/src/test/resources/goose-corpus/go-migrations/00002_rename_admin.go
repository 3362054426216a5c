package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upRenameAdmin, downRenameAdmin)
}

func upRenameAdmin(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE accounts SET login='superuser' WHERE login='admin';")
	return err
}

func downRenameAdmin(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE accounts SET login='admin' WHERE login='superuser';")
	return err
}
