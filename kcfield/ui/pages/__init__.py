"""Pages of the main window that have no feature package of their own yet."""
