"""The local collaborator (the person using this laptop) and their device identity."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from kcfield.domain.errors import Problem, ValidationFailed
from kcfield.domain.model import Collaborator
from kcfield.domain.text import normalize
from kcfield.domain.validation import check_phone
from kcfield.services.context import ServiceContext
from kcfield.services.records import audit
from kcfield.store.models import CollaboratorRow

ENTITY = "collaborator"


class CollaboratorService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def local_user(self) -> Collaborator | None:
        with self._ctx.store.read() as session:
            row = session.scalar(select(CollaboratorRow).where(CollaboratorRow.is_local_user.is_(True)))
            return _to_domain(row) if row else None

    def adopt_identity(self) -> Collaborator | None:
        """Make the stored local user the actor of every later change (called at start-up)."""
        user = self.local_user()
        if user is not None:
            self._ctx.identity.actor = user.code
            self._ctx.identity.device_id = user.device_id
        return user

    def save_local_user(
        self,
        code: str,
        full_name: str,
        phone: str = "",
        province_code: int | None = None,
        commune_codes: tuple[int, ...] = (),
    ) -> Collaborator:
        code, full_name = normalize(code).upper(), normalize(full_name)
        problems = []
        if not code:
            problems.append(Problem("required", "collaborator_code"))
        if not full_name:
            problems.append(Problem("required", "full_name"))
        if phone:
            problems.extend(p for p in check_phone(phone, "phone") if p.blocking)
        if problems:
            raise ValidationFailed(problems)
        with self._ctx.store.write() as session:
            row = session.scalar(select(CollaboratorRow).where(CollaboratorRow.is_local_user.is_(True)))
            action = "update"
            if row is None:
                action = "create"
                row = CollaboratorRow(
                    id=self._ctx.ids.new(),
                    is_local_user=True,
                    device_id=secrets.token_hex(8),
                    created_at=self._ctx.now(),
                )
                session.add(row)
            row.code, row.full_name, row.phone = code, full_name, phone
            row.province_code = province_code
            row.commune_codes = sorted(commune_codes)
            session.flush()
            self._ctx.identity.actor = row.code
            self._ctx.identity.device_id = row.device_id
            audit(session, self._ctx, ENTITY, row.id, action, {"code": [None, code], "full_name": [None, full_name]})
            return _to_domain(row)


def _to_domain(row: CollaboratorRow) -> Collaborator:
    return Collaborator(
        code=row.code,
        full_name=row.full_name,
        phone=row.phone,
        province_code=row.province_code,
        commune_codes=tuple(row.commune_codes or ()),
        device_id=row.device_id,
        key_fingerprint=row.key_fingerprint,
        id=row.id,
    )
