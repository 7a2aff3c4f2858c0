"""A digest of what a SQLite store holds, table by table, in a fixed order.

Two stores with the same digest hold the same rows: used to prove that demo data is reproducible from its
seed, and useful to check that a copy (a backup) equals its original.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

RECORD_TABLES = (
    "establishments",
    "visits",
    "equipment_needs",
    "cp_assessments",
    "cp_inputs",
    "cp_outputs",
    "cp_checklist_answers",
    "cp_options",
    "attachments",
    "audit_events",
)


def content_digest(db: Path, tables: Iterable[str] = RECORD_TABLES) -> str:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for table in tables:
            digest.update(table.encode())
            for row in con.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        con.close()
