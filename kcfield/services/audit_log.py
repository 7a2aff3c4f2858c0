"""Reading and verifying the hash-chained audit log."""

from __future__ import annotations

from sqlalchemy import func, select

from kcfield.domain.errors import DomainError
from kcfield.domain.model import AuditEvent
from kcfield.services.context import ServiceContext
from kcfield.store import audit
from kcfield.store.models import AuditEventRow


class AuditLogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def verify(self) -> None:
        """Raise ``audit.chain_broken`` naming the first altered event, or return quietly."""
        with self._ctx.store.read() as session:
            broken = audit.first_broken_link(session)
        if broken is not None:
            raise DomainError("audit.chain_broken", seq=broken)

    def history(self, entity_id: str) -> list[AuditEvent]:
        with self._ctx.store.read() as session:
            rows = session.scalars(
                select(AuditEventRow).where(AuditEventRow.entity_id == entity_id).order_by(AuditEventRow.seq)
            ).all()
            return [audit.to_domain(r) for r in rows]

    def count(self) -> int:
        with self._ctx.store.read() as session:
            return int(session.scalar(select(func.count()).select_from(AuditEventRow)) or 0)
