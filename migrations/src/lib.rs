//! The database schema of guichet, as ordered sea-orm migrations.
