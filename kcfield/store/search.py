"""Derived columns that let SQL search and sort the way Vietnamese readers expect.

* ``search_text``: the folded (accent-free, đ→d, case-folded) text of the fields a person searches by, so
  "dat do" finds "Đất Đỏ" with a plain ``LIKE`` (SQLite's own folding knows neither đ nor tones).
* ``name_sort``: :func:`kcfield.domain.text.sort_key` flattened into one string whose binary order is the
  Vietnamese dictionary order, so ``ORDER BY name_sort`` sorts 100k rows in SQL with an index.
"""

from __future__ import annotations

from kcfield.domain.model import Establishment
from kcfield.domain.text import fold, sort_key

_LEVEL_SEPARATOR = "\x01"  # below every weight, after moving the space weight up by one


def sort_text(value: str) -> str:
    primary, tone, case, _ = sort_key(value)
    primary = primary.replace("\x01", "\x02")
    return f"{primary}{_LEVEL_SEPARATOR}{tone}{_LEVEL_SEPARATOR}{case}"


def establishment_search_text(est: Establishment, commune_name: str) -> str:
    parts = (est.name, est.tax_code, est.rep_name, est.rep_phone, est.village, commune_name, est.craft_village_name)
    return " | ".join(fold(p) for p in parts if p)
