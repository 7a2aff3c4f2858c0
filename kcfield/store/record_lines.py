"""Record lines (the unit a package carries, see docs/package-format.md) back into table rows, in bulk.

The centre materialises every revision it accepts into the shared tables, and the field replaces clean local
copies with the centre's; both go through :func:`write_lines`. A line's ``fields`` are the domain object's
JSON (``kcfield.domain.serialization``), so they are read back with ``from_json`` — the checks of the domain
types apply — and turned into column values with the same mapping the services use. Rows are replaced
whole (delete + insert by id, in chunks): an aggregate's children (a CP assessment's inputs, outputs,
options, checklist answers) go with it.

A line may withhold personal fields (its ``withheld`` list, :mod:`kcfield.domain.personal`): before such a
line replaces a row, :func:`keep_withheld` puts the receiver's own values of those fields back into it, so a
withheld field never clears what the receiver has.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    PrimaryKeyConstraint,
    Table,
    UniqueConstraint,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from kcfield.domain.errors import DomainError
from kcfield.domain.model import (
    Attachment,
    CPAssessment,
    EquipmentNeed,
    Establishment,
    Visit,
)
from kcfield.domain.personal import restore, withheld_names
from kcfield.domain.serialization import from_json
from kcfield.store.mapping import domain_values
from kcfield.store.models import (
    SYNCED_TABLES,
    CPChecklistAnswerRow,
    CPInputRow,
    CPOptionRow,
    CPOutputRow,
)
from kcfield.store.types import UTCDateTime

__all__ = ["DOMAIN_CLASSES", "ENTITIES", "LineRow", "existing_ids", "keep_withheld", "line_row", "write_lines"]

ENTITIES: tuple[str, ...] = ("establishment", "visit", "equipment_need", "cp_assessment", "attachment")
DOMAIN_CLASSES: dict[str, type[Any]] = {
    "establishment": Establishment,
    "visit": Visit,
    "equipment_need": EquipmentNeed,
    "cp_assessment": CPAssessment,
    "attachment": Attachment,
}
_CHILDREN = ((CPInputRow, "inputs"), (CPOutputRow, "outputs"), (CPOptionRow, "options"))
CHUNK = 500


@dataclass(frozen=True)
class LineRow:
    """A record line as column values, with its children rows (CP assessments only)."""

    entity: str
    id: UUID
    values: dict[str, Any]
    children: dict[type[Any], list[dict[str, Any]]]
    record: Any = None  # the domain object read from the line (for columns a service derives from it)


def line_row(
    entity: str, line: dict[str, Any], *, base_revision: int, local_edits: int = 0, exported_edits: int = 0
) -> LineRow:
    """Column values of one line; ``DomainError("sync.bad_record")`` when its fields do not read as the entity."""
    cls = DOMAIN_CLASSES[entity]
    try:
        record_id = UUID(str(line["id"]))
        obj = from_json(cls, {**dict(line.get("fields") or {}), "id": str(record_id)})
        values: dict[str, Any] = domain_values(obj)
        if entity == "cp_assessment":
            for key in ("inputs", "outputs", "options", "checklist"):
                values.pop(key, None)
        values.update(
            id=record_id,
            base_revision=base_revision,
            local_edits=local_edits,
            exported_edits=exported_edits,
            deleted=bool(line.get("deleted", False)),
            created_at=_instant(line.get("created_at")),
            created_by=str(line.get("created_by") or ""),
            updated_at=_instant(line.get("updated_at")),
            updated_by=str(line.get("updated_by") or ""),
        )
        children = _children(entity, record_id, obj)
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError, RecursionError) as exc:
        # from_json reads shapes, not every type: a malformed line from another device fails here, alone.
        raise DomainError("sync.bad_record", entity=entity, id=str(line.get("id", "?")), reason=str(exc)) from exc
    problem = _rows_problem(SYNCED_TABLES[entity].__table__, values, children)  # type: ignore[attr-defined]
    if problem:
        raise DomainError("sync.bad_record", entity=entity, id=str(record_id), reason=problem)
    return LineRow(entity, record_id, values, children, obj)


def _children(entity: str, record_id: UUID, obj: Any) -> dict[type[Any], list[dict[str, Any]]]:
    """The child rows of a CP assessment (inputs, outputs, options, checklist answers); {} for other entities."""
    children: dict[type[Any], list[dict[str, Any]]] = {}
    if entity == "cp_assessment":
        for table, name in _CHILDREN:
            children[table] = [
                {"id": item.id or _child_id(record_id, name, position), "assessment_id": record_id,
                 "position": position, **domain_values(item)}
                for position, item in enumerate(getattr(obj, name))
            ]  # fmt: skip
        children[CPChecklistAnswerRow] = [
            {"assessment_id": record_id, **domain_values(entry)} for entry in obj.checklist
        ]
    return children


def _rows_problem(table: Any, values: dict[str, Any], children: dict[type[Any], list[dict[str, Any]]]) -> str:
    """What the database would refuse (or silently change) in a record's rows, or "": a value that does not fit
    its column (``from_json`` does not check scalar types: a string where a number goes, a number too big, a
    lone surrogate), or two children with one key (two checklist answers to one item, two inputs with one id).
    A line from another device is refused alone, instead of failing the whole transaction at the database."""
    problem = column_problem(table, values)
    for child, rows in children.items():
        child_table = child.__table__
        problem = problem or next(filter(None, (column_problem(child_table, v) for v in rows)), "")
        for unique in child_table.constraints:
            if not isinstance(unique, UniqueConstraint | PrimaryKeyConstraint):
                continue
            names = [c.name for c in unique.columns]
            keys = [repr(tuple(v.get(n) for n in names)) for v in rows]
            if names and len(set(keys)) != len(keys):
                problem = problem or f"{child_table.name}: {', '.join(names)}"
    return problem


def column_problem(table: Any, values: dict[str, Any]) -> str:
    """The first column whose value the database would refuse (or silently change), or ""."""
    for name, nullable, fits in _column_checks(table):
        if name not in values:
            continue
        value = values[name]
        if value is None:
            if not nullable:
                return name
            continue
        if fits is not None and not fits(value):
            return name
    return ""


@cache  # tables are made once per process; each check runs for every record of every import
def _column_checks(table: Any) -> tuple[tuple[str, bool, Callable[[Any], bool] | None], ...]:
    return tuple((str(c.name), bool(c.nullable), _check_for(c)) for c in table.columns)


def _check_for(column: Any) -> Callable[[Any], bool] | None:
    """What a value must be to go into ``column`` unchanged; None: anything the type accepts."""
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return None
    if kind is bool:
        return lambda value: isinstance(value, bool)
    if kind is int:
        limit = 2**63 if isinstance(column.type, BigInteger) else 2**31
        return lambda value: type(value) is int and -limit <= value < limit
    if kind is float:
        return lambda value: type(value) in (int, float) and abs(value) <= sys.float_info.max
    if issubclass(kind, str):
        length = getattr(column.type, "length", None)
        return lambda value: _text_fits(value, length)
    if kind is datetime or isinstance(column.type, UTCDateTime):
        return _instant_fits
    if kind is date:
        return lambda value: isinstance(value, date)
    if kind is UUID:
        return lambda value: isinstance(value, UUID)
    return None


def _text_fits(value: Any, length: int | None) -> bool:
    if not isinstance(value, str) or "\x00" in value or (length is not None and len(value) > length):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no database stores it
        return False
    return True


def _instant_fits(value: Any) -> bool:
    try:
        return isinstance(value, datetime) and value.tzinfo is not None and value.astimezone(UTC) is not None
    except (OverflowError, ValueError):
        return False


@cache
def reference_columns(entity: str) -> tuple[tuple[str, Any], ...]:
    """(column name, referenced column) of every column of the entity's table that points at reference data (a
    commune, a province) rather than at another record."""
    records = {model.__table__.name for model in SYNCED_TABLES.values()}  # type: ignore[attr-defined]
    table = SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined]
    return tuple(
        (str(key.parent.name), key.column) for key in table.foreign_keys if key.column.table.name not in records
    )


def _check_reference_codes(session: Session, entity: str, rows: Sequence[LineRow]) -> None:
    """``sync.unknown_reference`` for the first row naming a commune or province this database does not have:
    said plainly, before the foreign key would fail the whole transaction with a database error."""
    for name, target in reference_columns(entity):
        wanted = {r.values.get(name) for r in rows} - {None}
        if not wanted:
            continue
        found: set[Any] = set()
        for chunk in _chunks(sorted(wanted, key=str)):
            found.update(session.scalars(select(target).where(target.in_(chunk))))
        for row in rows:
            value = row.values.get(name)
            if value is not None and value not in found:
                raise DomainError("sync.unknown_reference", entity=entity, id=str(row.id), column=name, value=value)


def write_lines(session: Session, rows: Sequence[LineRow]) -> None:
    """Replace (or insert) these rows of one entity in bulk, children included.

    Existing rows are updated in place, not deleted and inserted again: other records point at them
    (a visit at its establishment) and foreign keys must hold at every statement.
    """
    if not rows:
        return
    entity = rows[0].entity
    table: Table = SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined]
    _check_reference_codes(session, entity, rows)
    present = existing_ids(session, entity, [r.id for r in rows])
    updates = [r for r in rows if r.id in present]
    inserts = [r for r in rows if r.id not in present]
    if updates:
        columns = [c for c in updates[0].values if c != "id"]
        statement = (
            update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(f"_v_{c}") for c in columns})
        )
        session.connection().execute(
            statement, [{"_id": r.id, **{f"_v_{c}": r.values.get(c) for c in columns}} for r in updates]
        )
    if inserts:
        session.execute(insert(table), [r.values for r in inserts])
    if entity == "cp_assessment":
        ids = [r.id for r in rows]
        for chunk in _chunks(ids):
            for child in (CPInputRow, CPOutputRow, CPOptionRow, CPChecklistAnswerRow):
                session.execute(delete(child).where(child.assessment_id.in_(chunk)))
        for child in (CPInputRow, CPOutputRow, CPOptionRow, CPChecklistAnswerRow):
            values = [v for r in rows for v in r.children.get(child, [])]
            if values:
                session.execute(insert(child), values)


def keep_withheld(
    session: Session, entity: str, lines: Sequence[dict[str, Any]], also: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """The lines with every withheld field (the line's own list, plus ``also``) set to this database's value.

    The values come from the rows present here, read in bulk; a record not present here keeps the field's
    default. The ``withheld`` key is dropped: the lines returned are whole records as this database has them.
    """
    wanted = {i: withheld_names(entity, line) | also for i, line in enumerate(lines)}
    if not any(wanted.values()):
        return [{k: v for k, v in line.items() if k != "withheld"} for line in lines]
    columns = sorted({name.split(".", 1)[0] for names in wanted.values() for name in names})
    table: Table = SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined]
    ids = [UUID(str(line["id"])) for i, line in enumerate(lines) if wanted[i]]
    own: dict[UUID, dict[str, Any]] = {}
    for chunk in _chunks(list(dict.fromkeys(ids))):
        for row in session.execute(select(table.c.id, *(table.c[c] for c in columns)).where(table.c.id.in_(chunk))):
            own[row[0]] = {c: v for c, v in zip(columns, row[1:], strict=True) if v is not None}
    out: list[dict[str, Any]] = []
    for i, line in enumerate(lines):
        kept = {k: v for k, v in line.items() if k != "withheld"}
        if wanted[i]:
            fields = line.get("fields")
            if isinstance(fields, dict):
                kept["fields"] = restore(fields, wanted[i], own.get(UUID(str(line["id"]))))
        out.append(kept)
    return out


def existing_ids(session: Session, entity: str, ids: Sequence[UUID]) -> set[UUID]:
    """Which of ``ids`` have a row in the entity's table (deleted or not)."""
    table: Table = SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined]
    found: set[UUID] = set()
    for chunk in _chunks(list(dict.fromkeys(ids))):
        found.update(session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    return found


def _instant(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("missing timestamp")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("timestamp without time zone")
    return moment


def _child_id(parent: UUID, part: str, position: int) -> UUID:
    """A stable id for a child that travelled without one (older packages): derived from its place."""
    import uuid

    return uuid.uuid5(parent, f"{part}:{position}")


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
