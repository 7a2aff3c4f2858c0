"""The Visits page and the visit editor (issue 4)."""
