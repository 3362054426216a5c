package migrations

import "testing"

func TestRenameAdmin(t *testing.T) {}
