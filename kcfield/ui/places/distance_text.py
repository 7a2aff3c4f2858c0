"""A distance as a person reads it: "850 m", "1,2 km" (vi) or "1.2 km" (en)."""

from __future__ import annotations

from kcfield.domain.numbers import format_number


def distance_text(metres: float | None, lang: str) -> str:
    if metres is None:
        return "—"
    if metres < 1_000:
        return f"{format_number(round(metres), 0, lang)} m"
    decimals = 1 if metres < 100_000 else 0
    return f"{format_number(metres / 1_000, decimals, lang)} km"
