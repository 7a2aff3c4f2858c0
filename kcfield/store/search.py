"""Derived columns that let the registry search and sort the way Vietnamese readers expect, and the change
counter that tells a cached search index when to reload.

* ``search_text``: the folded (accent-free, đ→d, case-folded) text of the fields a person searches by, so
  "dat do" finds "Đất Đỏ" (SQLite's own folding knows neither đ nor tones: PITFALLS 5).
* ``name_sort``: :func:`kcfield.domain.text.sort_key` flattened into one string whose binary order is the
  Vietnamese dictionary order, so ``ORDER BY name_sort`` sorts in SQL with an index.
* ``change_counters``: a trigger bumps the ``establishments`` counter on every insert, update and delete,
  whoever writes (a service, the demo loader, a later sync import). Reading one row tells the registry
  whether its in-memory index is still current.

An Alembic batch migration of the establishments table drops its triggers, so :func:`ensure_change_triggers`
(run when the store opens) recreates any that are missing.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from kcfield.domain.model import Establishment
from kcfield.domain.text import fold, sort_key

_LEVEL_SEPARATOR = "\x01"  # below every weight, after moving the space weight up by one
COUNTER = "establishments"
_TRIGGERS = {
    "trg_establishments_count_insert": "AFTER INSERT ON establishments",
    "trg_establishments_count_update": "AFTER UPDATE ON establishments",
    "trg_establishments_count_delete": "AFTER DELETE ON establishments",
}


def sort_text(value: str) -> str:
    primary, tone, case, _ = sort_key(value)
    primary = primary.replace("\x01", "\x02")
    return f"{primary}{_LEVEL_SEPARATOR}{tone}{_LEVEL_SEPARATOR}{case}"


def establishment_search_text(est: Establishment, commune_name: str) -> str:
    parts = (est.name, est.tax_code, est.rep_name, est.rep_phone, est.village, commune_name, est.craft_village_name)
    return " | ".join(fold(p) for p in parts if p)


def ensure_change_triggers(conn: Connection) -> bool:
    """Create the counter row and any missing trigger; True when something had to be created."""
    if conn.dialect.name != "sqlite":
        return False  # the centre's PostgreSQL database has no registry window to keep current
    created = False
    if conn.execute(text("SELECT 1 FROM change_counters WHERE name = :n"), {"n": COUNTER}).first() is None:
        conn.execute(text("INSERT INTO change_counters(name, value) VALUES (:n, 0)"), {"n": COUNTER})
        created = True
    present = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    for name, when in _TRIGGERS.items():
        if name not in present:
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} {when} BEGIN "
                f"UPDATE change_counters SET value = value + 1 WHERE name = '{COUNTER}'; END"
            )
            created = True
    return created


def drop_change_triggers(conn: Connection) -> None:
    for name in _TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def change_count(conn: Connection) -> int:
    value = conn.execute(text("SELECT value FROM change_counters WHERE name = :n"), {"n": COUNTER}).scalar()
    return int(value or 0)
