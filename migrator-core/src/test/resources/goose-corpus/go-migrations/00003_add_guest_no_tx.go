package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationNoTxContext(upAddGuest, downAddGuest)
}

func upAddGuest(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "INSERT INTO accounts (id, login, given_name, family_name) VALUES ($1, $2, $3, $4)",
		2, "guest", "Guest", "User")
	return err
}

func downAddGuest(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "DELETE FROM accounts WHERE login = $1", "guest")
	return err
}
