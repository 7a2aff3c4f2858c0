"""The Visits page and the visit editor."""
