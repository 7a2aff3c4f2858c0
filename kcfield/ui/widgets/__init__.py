"""Reusable input widgets for Vietnamese numbers, money and dates, and a labelled row with an inline message."""
