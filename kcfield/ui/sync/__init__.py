"""The Sync page: packages to and from the centre."""
