"""Load reference data (administrative units, VSIC, CP method data, rules) into the store.

The bundled files in ``resources/data`` are described by ``datasets.json``. Tabular datasets fill their own
tables; rule documents (JSON) are kept whole in ``reference_datasets.document``. A dataset is (re)loaded
when it is missing, or when it came from the bundle and the bundled file changed (an app update). A dataset
that arrived in a centre package is never overwritten by the bundle: the centre's word is newer.

Rows are upserted, so records that point at a commune keep pointing at it; rows that vanished from a new
version are removed only from tables nothing refers to.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, select, tuple_
from sqlalchemy.orm import Session

from kcfield.domain.errors import DomainError
from kcfield.domain.text import fold, normalize
from kcfield.store.models import (
    Base,
    Commune,
    CPBenchmark,
    CPChecklistItem,
    CPOptionCategory,
    EnergyCarrier,
    Parameter,
    Province,
    ReferenceDataset,
    SectorGroupRow,
    UnitRow,
    VsicCode,
)

TABLES: dict[str, type[Base]] = {
    "provinces": Province,
    "communes": Commune,
    "sector_groups": SectorGroupRow,
    "vsic": VsicCode,
    "cp_option_categories": CPOptionCategory,
    "cp_checklist": CPChecklistItem,
    "cp_benchmarks": CPBenchmark,
    "units": UnitRow,
    "energy_carriers": EnergyCarrier,
    "parameters": Parameter,
}
# Loaded in this order so foreign keys hold; rows of these are referenced by records and never deleted.
ORDER = tuple(TABLES)
REFERENCED = frozenset({"provinces", "communes"})
DOCUMENTS = frozenset({"eligibility", "support_rules", "province_bounds"})


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    file: str
    version: str
    source: str


def read_catalogue(data_dir: Path) -> list[DatasetInfo]:
    raw = json.loads((data_dir / "datasets.json").read_text(encoding="utf-8"))
    infos = [DatasetInfo(d["name"], d["file"], str(d["version"]), d.get("source", "")) for d in raw["datasets"]]
    known = set(TABLES) | DOCUMENTS
    unknown = [i.name for i in infos if i.name not in known]
    if unknown:
        raise DomainError("reference.invalid", name="datasets.json", reason=f"unknown datasets {unknown}")
    return sorted(infos, key=lambda i: ORDER.index(i.name) if i.name in ORDER else len(ORDER))


def ensure_bundled(session: Session, data_dir: Path, now: datetime) -> list[str]:
    """Load each bundled dataset that is missing or outdated; returns the names loaded."""
    loaded = []
    existing = {row.name: row for row in session.scalars(select(ReferenceDataset))}
    for info in read_catalogue(data_dir):
        content = (data_dir / info.file).read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        current = existing.get(info.name)
        if current is not None and (current.origin != "bundled" or current.sha256 == digest):
            continue
        load_dataset(session, info, content, origin="bundled", now=now)
        loaded.append(info.name)
    return loaded


def load_dataset(session: Session, info: DatasetInfo, content: bytes, *, origin: str, now: datetime) -> None:
    """Replace one dataset's content inside the caller's transaction."""
    document: dict[str, Any] | None = None
    if info.name in DOCUMENTS:
        try:
            document = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DomainError("reference.invalid", name=info.name, reason=str(exc)) from exc
    else:
        _replace_table(session, info.name, _parse_csv(info.name, content))
    row = session.get(ReferenceDataset, info.name) or ReferenceDataset(name=info.name)
    row.version = info.version
    row.source = info.source
    row.origin = origin
    row.sha256 = hashlib.sha256(content).hexdigest()
    row.loaded_at = now
    row.document = document
    session.add(row)
    session.flush()


def document(session: Session, name: str) -> Mapping[str, Any]:
    row = session.get(ReferenceDataset, name)
    if row is None or row.document is None:
        raise DomainError("reference.invalid", name=name, reason="not loaded")
    return row.document


def _parse_csv(name: str, content: bytes) -> list[dict[str, Any]]:
    columns = _table(name).columns
    converters: dict[str, Callable[[str], Any]] = {}
    for column in columns:
        converters[column.name] = _converter(column.type.python_type, column.nullable is True)
    try:
        reader = csv.DictReader(io.StringIO(content.decode("utf-8")))
        rows = []
        for line_no, record in enumerate(reader, start=2):
            try:
                values = {key: converters[key](raw or "") for key, raw in record.items() if key in converters}
            except ValueError as exc:
                raise DomainError("reference.invalid", name=name, reason=f"line {line_no}: {exc}") from exc
            if name == "communes":
                values["search_text"] = fold(values["name"])
            rows.append(values)
    except UnicodeDecodeError as exc:
        raise DomainError("reference.invalid", name=name, reason=str(exc)) from exc
    if not rows:
        raise DomainError("reference.invalid", name=name, reason="no rows")
    return rows


def _converter(python_type: type, nullable: bool) -> Callable[[str], Any]:
    def convert(raw: str) -> Any:
        raw = raw.strip()
        if raw == "":
            if nullable:
                return None
            if python_type is str:
                return ""
            raise ValueError("empty value in a required column")
        if python_type is bool:
            if raw not in ("0", "1"):
                raise ValueError(f"not a 0/1 boolean: {raw!r}")
            return raw == "1"
        if python_type is int:
            return int(raw)
        if python_type is float:
            return float(raw)
        if python_type is date:
            return date.fromisoformat(raw)
        return normalize(raw)

    return convert


def _replace_table(session: Session, name: str, rows: list[dict[str, Any]]) -> None:
    table = _table(name)
    keys = [c.name for c in table.primary_key.columns]
    _upsert(session, table, rows, keys)
    if name in REFERENCED:
        return
    key_cols = [table.c[k] for k in keys]
    present = {tuple(r[k] for k in keys) for r in rows}
    stored = session.execute(select(*key_cols)).all()
    stale = [tuple(s) for s in stored if tuple(s) not in present]
    for chunk in _chunks(stale, 500):
        session.execute(delete(table).where(tuple_(*key_cols).in_(chunk)))


def _table(name: str) -> Table:
    return Base.metadata.tables[TABLES[name].__tablename__]


def _upsert(session: Session, table: Table, rows: list[dict[str, Any]], keys: list[str]) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    else:  # pragma: no cover - only the two supported databases
        raise RuntimeError(f"unsupported database {dialect}")
    for chunk in _chunks(rows, 500):
        stmt = insert(table).values(chunk)
        updates = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
        session.execute(stmt.on_conflict_do_update(index_elements=keys, set_=updates))


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
