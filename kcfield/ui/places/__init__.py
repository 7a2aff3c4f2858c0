"""Places: establishments near a point, and the day's visiting list in a suggested order."""
