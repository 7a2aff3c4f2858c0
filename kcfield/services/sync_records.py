"""Read every pending change of the local store, in bulk, as the record lines of a field package.

A record is pending when ``local_edits > exported_edits`` (DESIGN.md §3). Rows are read with Core selects,
one per table (CP assessment children by a join on the same condition), inside one read transaction, so the
records, their children and the audit events all come from one snapshot. Each record travels as its domain
object (``kcfield.domain.serialization.to_json``) wrapped in its sync metadata: one compact JSON line each.

Personal data the centre does not collect (its setting travels in reference packages and is kept in
``sync_state`` under :data:`PERSONAL_DATA_STATE`; :data:`kcfield.domain.personal.DEFAULT_COLLECT` until the
first one arrives) is left out of a line's ``fields`` and named in its ``withheld`` list
(:func:`kcfield.domain.personal.withhold`).
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from kcfield.domain.model import (
    CPChecklistEntry,
    CPInput,
    CPOption,
    CPOutput,
    editable_field_names,
)
from kcfield.domain.personal import DEFAULT_COLLECT, parse_collect, withhold_changes, withhold_line
from kcfield.domain.serialization import to_json, to_json_value
from kcfield.store.mapping import row_to_domain
from kcfield.store.models import (
    SYNCED_TABLES,
    AuditEventRow,
    CPAssessmentRow,
    CPChecklistAnswerRow,
    CPInputRow,
    CPOptionRow,
    CPOutputRow,
    SyncStateRow,
)
from kcfield.store.record_lines import DOMAIN_CLASSES, ENTITIES

# The order entities are read and written in: owners before what they own.
AUDIT_MEMBER = "audit.jsonl"
PERSONAL_DATA_STATE = "personal_data_collect"  # sync_state: JSON list of the personal fields the centre collects


def collected_fields(session: Session) -> frozenset[str]:
    """The personal fields the centre collects, as its last reference package said (the default before)."""
    raw = session.scalar(select(SyncStateRow.value).where(SyncStateRow.key == PERSONAL_DATA_STATE))
    if raw is None:
        return DEFAULT_COLLECT
    try:
        names = json.loads(raw)
        return parse_collect(names) if isinstance(names, list) else DEFAULT_COLLECT
    except (ValueError, TypeError):
        return DEFAULT_COLLECT  # an unreadable value: the default, never "everything"


def member_name(entity: str) -> str:
    return f"records/{entity}.jsonl"


def attachment_member(sha256: str) -> str:
    return f"attachments/{sha256}"


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps_line(value: Any) -> bytes:
    """One compact, canonical JSON line (UTF-8, keys sorted, no spaces) ending with a newline."""
    return (_ENCODER.encode(value) + "\n").encode("utf-8")


@dataclass(frozen=True)
class PendingAttachmentFile:
    sha256: str
    size_bytes: int
    file_name: str


@dataclass
class PendingChanges:
    """What one export carries, and what to mark once the package is safely written."""

    lines: dict[str, list[bytes]] = field(default_factory=dict)  # entity -> record lines
    marks: dict[str, list[tuple[UUID, int]]] = field(default_factory=dict)  # entity -> (id, local_edits packed)
    files: dict[str, PendingAttachmentFile] = field(default_factory=dict)  # sha256 -> file to pack
    audit_lines: list[bytes] = field(default_factory=list)
    last_audit_seq: int = 0

    @property
    def record_count(self) -> int:
        return sum(len(v) for v in self.lines.values())

    def counts(self) -> dict[str, int]:
        return {entity: len(self.lines.get(entity, ())) for entity in ENTITIES}


def _table(entity: str) -> Table:
    table = SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def count_pending(session: Session) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entity in ENTITIES:
        table = _table(entity)
        query = select(func.count()).select_from(table).where(table.c.local_edits > table.c.exported_edits)
        counts[entity] = int(session.scalar(query) or 0)
    return counts


def record_line(row: Any, cls: type[Any], *, plan: FieldPlan | None = None, **extra: Any) -> dict[str, Any]:
    """The package form of one record: sync metadata plus its fields as the domain object has them.

    Aggregates with children (``extra``) go through the domain object itself; flat records may take the
    compiled ``plan`` of :func:`field_plan`, which gives the same JSON (a test holds them equal) several times
    faster.
    """
    if plan is not None and not extra:
        fields = {name: row[index] if convert is None else convert(row[index]) for name, index, convert in plan}
    else:
        fields = to_json(row_to_domain(row, cls, **extra))
        fields.pop("id", None)
        fields.pop("meta", None)
    return {
        "id": str(row.id),
        "base_revision": row.base_revision,
        "local_edits": row.local_edits,
        "deleted": bool(row.deleted),
        "created_at": to_json_value(row.created_at),
        "created_by": row.created_by,
        "updated_at": to_json_value(row.updated_at),
        "updated_by": row.updated_by,
        "fields": fields,
    }


Converter = Callable[[Any], Any]
FieldPlan = tuple[tuple[str, int, Converter | None], ...]


def field_plan(cls: type[Any], columns: list[str]) -> FieldPlan:
    """How to turn a row of ``columns`` into ``to_json(row_to_domain(row, cls))`` without ``id`` and ``meta``.

    Each column value goes through the same reader (enums and sets checked and rebuilt) and the same JSON
    conversion as the domain path, but with the conversion chosen once per field instead of per value.
    """
    hints = typing.get_type_hints(cls)
    return tuple((name, columns.index(name), _converter(hints[name])) for name in editable_field_names(cls))


def _converter(hint: Any) -> Converter | None:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = options[0] if len(options) == 1 else hint
    origin = typing.get_origin(hint)
    if origin is frozenset:
        (item,) = typing.get_args(hint)
        read_item = _converter(item) or _same
        return lambda value: sorted({read_item(x) for x in (value or ())})
    if origin is tuple:
        return lambda value: [to_json_value(x) for x in (value or ())]
    if origin is dict or hint in (date, datetime, time, UUID):
        return _plain_json
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        kind = hint
        return lambda value: None if value is None else kind(value).value
    return None  # str, int, float, bool: the column value is the JSON value


def _same(value: Any) -> Any:
    return value


def _plain_json(value: Any) -> Any:
    return None if value is None else to_json_value(value)


def collect_pending(session: Session, after_audit_seq: int, collect: frozenset[str] | None = None) -> PendingChanges:
    """Every pending record, the files of pending live attachments, and the audit events after a given seq.

    ``collect``: the personal fields to send (default: what the centre's settings, stored here, ask for).
    """
    pending = PendingChanges()
    collect = collected_fields(session) if collect is None else collect
    for entity in ENTITIES:
        table = _table(entity)
        result = session.execute(select(table).where(table.c.local_edits > table.c.exported_edits).order_by(table.c.id))
        columns = list(result.keys())
        rows = result.all()
        if not rows:
            continue
        cls = DOMAIN_CLASSES[entity]
        children = _cp_children(session) if entity == "cp_assessment" else None
        plan = field_plan(cls, columns) if children is None else None
        lines: list[bytes] = []
        marks: list[tuple[UUID, int]] = []
        for row in rows:
            extra = _children_of(children, row.id) if children is not None else {}
            lines.append(dumps_line(withhold_line(entity, record_line(row, cls, plan=plan, **extra), collect)))
            marks.append((row.id, row.local_edits))
            if entity == "attachment" and not row.deleted:
                pending.files.setdefault(row.sha256, PendingAttachmentFile(row.sha256, row.size_bytes, row.file_name))
        pending.lines[entity] = lines
        pending.marks[entity] = marks
    audit_table = AuditEventRow.__table__
    assert isinstance(audit_table, Table)
    events = session.execute(
        select(audit_table).where(audit_table.c.seq > after_audit_seq).order_by(audit_table.c.seq)
    ).all()
    pending.audit_lines = [dumps_line(_audit_json(e, collect)) for e in events]
    pending.last_audit_seq = events[-1].seq if events else after_audit_seq
    return pending


def _audit_json(row: Any, collect: frozenset[str]) -> dict[str, Any]:
    """An audit event as ``to_json(AuditEvent)`` has it (the chain's hashes included, so the centre can check).

    Personal values the centre does not collect are taken out of ``changes`` and named under ``withheld``.
    """
    event: dict[str, Any] = {
        "seq": row.seq,
        "at": row.at.isoformat(),
        "actor": row.actor,
        "device_id": row.device_id,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "action": row.action,
        "changes": row.changes,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }
    if row.entity in ("establishment", "visit") and isinstance(row.changes, dict):
        event["changes"], withheld = withhold_changes(row.entity, row.changes, collect)
        if withheld:
            event["withheld"] = withheld
    return event


_CHILD_PARTS: tuple[tuple[str, type[Any], type[Any], str], ...] = (
    ("inputs", CPInputRow, CPInput, "position"),
    ("outputs", CPOutputRow, CPOutput, "position"),
    ("checklist", CPChecklistAnswerRow, CPChecklistEntry, "item_code"),
    ("options", CPOptionRow, CPOption, "position"),
)


def _cp_children(session: Session) -> dict[str, dict[UUID, list[Any]]]:
    """The inputs, outputs, checklist answers and options of every pending assessment, grouped by assessment."""
    parent = CPAssessmentRow.__table__
    assert isinstance(parent, Table)
    grouped: dict[str, dict[UUID, list[Any]]] = {}
    for part, row_cls, cls, order in _CHILD_PARTS:
        table = row_cls.__table__
        rows = session.execute(
            select(table)
            .join(parent, parent.c.id == table.c.assessment_id)
            .where(parent.c.local_edits > parent.c.exported_edits)
            .order_by(table.c.assessment_id, table.c[order])
        ).all()
        by_parent: dict[UUID, list[Any]] = defaultdict(list)
        for row in rows:
            by_parent[row.assessment_id].append(row_to_domain(row, cls))
        grouped[part] = by_parent
    return grouped


def _children_of(children: dict[str, dict[UUID, list[Any]]], assessment_id: UUID) -> dict[str, tuple[Any, ...]]:
    return {part: tuple(children[part].get(assessment_id, ())) for part, _, _, _ in _CHILD_PARTS}
