"""Decision tracker: statuses, owners, history, access (SQLite by default, PostgreSQL via DATABASE_URL)."""
