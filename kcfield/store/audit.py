"""The hash-chained audit log.

Each event stores the hash of the one before it and its own hash over a canonical JSON form of its content,
so editing, deleting or reordering any past event breaks every later hash. Events are appended inside the
caller's write transaction (which holds SQLite's write lock from its first statement, see engine.py), so the
change and its audit event commit together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcfield.domain.model import AuditEvent
from kcfield.store.models import AuditEventRow

GENESIS = "0" * 64


@dataclass(frozen=True)
class PendingEvent:
    entity: str
    entity_id: str
    action: str
    changes: dict[str, Any]


def event_hash(prev_hash: str, at: datetime, actor: str, device_id: str, event: PendingEvent) -> str:
    body = {
        "prev": prev_hash,
        "at": at.isoformat(),
        "actor": actor,
        "device": device_id,
        "entity": event.entity,
        "id": event.entity_id,
        "action": event.action,
        "changes": event.changes,
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def chain_head(session: Session) -> str:
    last = session.scalar(select(AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1))
    return last or GENESIS


def append_events(session: Session, events: Iterable[PendingEvent], *, at: datetime, actor: str, device_id: str) -> str:
    """Append events in order; returns the new chain head."""
    prev = chain_head(session)
    rows = []
    for event in events:
        digest = event_hash(prev, at, actor, device_id, event)
        rows.append(
            AuditEventRow(
                at=at,
                actor=actor,
                device_id=device_id,
                entity=event.entity,
                entity_id=event.entity_id,
                action=event.action,
                changes=event.changes,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    session.add_all(rows)
    session.flush()
    return prev


def first_broken_link(session: Session, batch: int = 5000) -> int | None:
    """The sequence number of the first event whose hash does not hold, or None when the chain is intact."""
    prev = GENESIS
    last_seq = 0
    while True:
        rows = session.scalars(
            select(AuditEventRow).where(AuditEventRow.seq > last_seq).order_by(AuditEventRow.seq).limit(batch)
        ).all()
        if not rows:
            return None
        for row in rows:
            event = PendingEvent(row.entity, row.entity_id, row.action, row.changes)
            if row.prev_hash != prev or event_hash(prev, row.at, row.actor, row.device_id, event) != row.hash:
                return row.seq
            prev = row.hash
            last_seq = row.seq


def to_domain(row: AuditEventRow) -> AuditEvent:
    return AuditEvent(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        device_id=row.device_id,
        entity=row.entity,
        entity_id=row.entity_id,
        action=row.action,
        changes=dict(row.changes),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )
