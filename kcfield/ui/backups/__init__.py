"""The Backup page: the local store's backups, backing up now, restoring one."""
