"""centre layer."""
