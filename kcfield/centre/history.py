"""Revision history in bulk: the lookups and writes an import makes, a whole package at a time.

Speed comes from shape (PITFALLS 10): heads are read with one ``IN`` query per chunk of ids, new revisions and
heads are written with Core ``insert()`` over lists (executemany), head updates with one executemany
``UPDATE``. Nothing here commits; the caller's transaction is the package's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from kcfield.centre.models import CentreBase, Revision

HEADS: Table = CentreBase.metadata.tables["centre_record_heads"]
REVISIONS: Table = CentreBase.metadata.tables["centre_revisions"]
CHUNK = 500  # ids per IN (...) query: well under SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True)
class Head:
    entity: str
    record_id: UUID
    revision: int
    device_id: str
    package_id: str
    deleted: bool


@dataclass(frozen=True, slots=True)
class NewRevision:
    """One revision to append; ``data`` is the whole record line as it travels."""

    entity: str
    record_id: UUID
    revision: int
    data: dict[str, Any]
    device_id: str
    package_id: str
    deleted: bool = False


def current_heads(session: Session, entity: str, record_ids: Iterable[UUID]) -> dict[UUID, Head]:
    """The current revision of each record that the centre has (absent ids are new records)."""
    heads: dict[UUID, Head] = {}
    table = HEADS
    for chunk in _chunks(list(dict.fromkeys(record_ids)), CHUNK):
        stmt = select(
            table.c.record_id, table.c.revision, table.c.device_id, table.c.package_id, table.c.deleted
        ).where(table.c.entity == entity, table.c.record_id.in_(chunk))
        for record_id, revision, device_id, package_id, deleted in session.execute(stmt):
            heads[record_id] = Head(entity, record_id, revision, device_id, package_id, deleted)
    return heads


def revision_data(session: Session, entity: str, record_id: UUID, revision: int) -> dict[str, Any] | None:
    """The record line of one revision (the base of a three-way merge)."""
    return session.scalar(
        select(Revision.data).where(
            Revision.entity == entity, Revision.record_id == record_id, Revision.revision == revision
        )
    )


def revision_devices_since(session: Session, entity: str, record_id: UUID, after: int) -> list[tuple[int, str]]:
    """(revision, device) of every revision newer than ``after``: a fast-forward is allowed when all came from
    the uploading device."""
    rows = session.execute(
        select(Revision.revision, Revision.device_id)
        .where(Revision.entity == entity, Revision.record_id == record_id, Revision.revision > after)
        .order_by(Revision.revision)
    )
    return [(int(r), str(d)) for r, d in rows]


def append_revisions(session: Session, revisions: Sequence[NewRevision], now: datetime) -> None:
    """Write new revisions and move their records' heads, in bulk.

    A revision of 1 creates the head; a later one updates it. The caller has decided the numbers (head + 1).
    """
    if not revisions:
        return
    session.execute(
        insert(REVISIONS),
        [
            {
                "entity": r.entity,
                "record_id": r.record_id,
                "revision": r.revision,
                "data": r.data,
                "device_id": r.device_id,
                "package_id": r.package_id,
                "created_at": now,
            }
            for r in revisions
        ],
    )
    heads = [
        {
            "entity": r.entity,
            "record_id": r.record_id,
            "revision": r.revision,
            "device_id": r.device_id,
            "package_id": r.package_id,
            "deleted": r.deleted,
            "updated_at": now,
        }
        for r in revisions
    ]
    new = [h for h in heads if h["revision"] == 1]
    moved = [{f"b_{k}": v for k, v in h.items()} for h in heads if h["revision"] != 1]
    if new:
        session.execute(insert(HEADS), new)
    if moved:
        table = HEADS
        stmt = (
            update(table)
            .where(table.c.entity == bindparam("b_entity"), table.c.record_id == bindparam("b_record_id"))
            .values(
                revision=bindparam("b_revision"),
                device_id=bindparam("b_device_id"),
                package_id=bindparam("b_package_id"),
                deleted=bindparam("b_deleted"),
                updated_at=bindparam("b_updated_at"),
            )
        )
        session.connection().execute(stmt, moved)


def _chunks(items: list[UUID], size: int) -> Iterator[list[UUID]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
