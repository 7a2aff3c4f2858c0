"""Enrolled collaborators: whose keys the centre trusts, and for which communes.

A package is accepted only when its signer's key belongs to an enrolled, active collaborator
(:meth:`CentreCollaborators.key_for`, the importer's ``key_for``). A code keeps its key: enrolling the same code
with another key is refused unless re-keying is asked for explicitly (a laptop was replaced), and a revoked
key never becomes active again by being enrolled a second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from kcfield.centre.db import CentreDatabase, utc_now
from kcfield.centre.models import CentreCollaborator, CollaboratorStatus
from kcfield.domain.errors import DomainError
from kcfield.domain.text import normalize
from kcfield.store.models import Commune
from kcfield.sync import keys

PUBLIC_KEY_BYTES = 32
# Codes name package files ("<code>-<seq>-<id>.kcpkg"): no spaces, no path separators, no control characters.
_CODE = re.compile(r"[^\s/\\:*?\"<>|\x00-\x1f]{1,40}")
_DEVICE = re.compile(r"[A-Za-z0-9_.:-]{1,40}")


@dataclass(frozen=True)
class EnrolledCollaborator:
    code: str
    full_name: str
    public_key: bytes
    key_fingerprint: str
    device_id: str
    status: CollaboratorStatus
    communes: tuple[int, ...]
    enrolled_at: datetime
    revoked_at: datetime | None
    encryption_key: bytes | None = None  # raw X25519 public key; None when enrolled by an older version

    @property
    def active(self) -> bool:
        return self.status is CollaboratorStatus.ACTIVE


def normalize_code(raw: str) -> str:
    code = normalize(raw).strip().upper()
    if not _CODE.fullmatch(code):
        raise DomainError("centre.bad_code", collaborator=raw)
    return code


def to_enrolled(row: CentreCollaborator) -> EnrolledCollaborator:
    return EnrolledCollaborator(
        code=row.code,
        full_name=row.full_name,
        public_key=bytes(row.public_key),
        key_fingerprint=row.key_fingerprint,
        device_id=row.device_id,
        status=CollaboratorStatus(row.status),
        communes=tuple(int(c) for c in row.communes or ()),
        enrolled_at=row.enrolled_at,
        revoked_at=row.revoked_at,
        encryption_key=bytes(row.encryption_key) if row.encryption_key is not None else None,
    )


# --- inside the caller's transaction (the importer works in its own) --------------------------------------


def find_by_fingerprint(session: Session, fingerprint: str) -> EnrolledCollaborator | None:
    """The collaborator holding this key, active or revoked (so a refusal can say which)."""
    row = session.scalar(select(CentreCollaborator).where(CentreCollaborator.key_fingerprint == fingerprint))
    return None if row is None else to_enrolled(row)


def active_key_for(session: Session, fingerprint: str) -> bytes | None:
    """The raw public key for a fingerprint, only when its collaborator is active."""
    value = session.scalar(
        select(CentreCollaborator.public_key).where(
            CentreCollaborator.key_fingerprint == fingerprint,
            CentreCollaborator.status == CollaboratorStatus.ACTIVE.value,
        )
    )
    return None if value is None else bytes(value)


def get_collaborator(session: Session, code: str) -> EnrolledCollaborator | None:
    row = session.get(CentreCollaborator, code)
    return None if row is None else to_enrolled(row)


def encryption_key_of(person: EnrolledCollaborator) -> bytes:
    """The key the centre's packages for ``person`` are sealed for; ``centre.no_encryption_key`` when an older
    version enrolled them (a new enrolment request brings it)."""
    if person.encryption_key is None:
        raise DomainError("centre.no_encryption_key", collaborator=person.code)
    return person.encryption_key


# --- the service ------------------------------------------------------------------------------------------


class CentreCollaborators:
    def __init__(self, db: CentreDatabase, clock: Callable[[], datetime] = utc_now) -> None:
        self._db = db
        self._clock = clock

    def register(
        self,
        code: str,
        full_name: str,
        public_key: bytes,
        device_id: str,
        communes: Iterable[int],
        *,
        rekey: bool = False,
        encryption_key: bytes | None = None,
    ) -> EnrolledCollaborator:
        """Enrol a collaborator, or update the name, device and communes of one enrolled with this key.

        ``encryption_key`` (the X25519 key of the enrolment request) replaces the stored one when given; a new
        signing key without one leaves none (the old one belonged to the old key)."""
        code = normalize_code(code)
        full_name = normalize(full_name).strip()
        if not full_name or len(full_name) > 120:
            raise DomainError("centre.bad_name", collaborator=code)
        device_id = device_id.strip()
        if not _DEVICE.fullmatch(device_id):
            raise DomainError("centre.bad_device", device=device_id)
        public_key = _check_public_key(public_key)
        if encryption_key is not None and not keys.is_usable_encryption_key(bytes(encryption_key)):
            raise DomainError("centre.bad_encryption_key")
        fingerprint = keys.fingerprint(public_key)
        wanted = sorted({int(c) for c in communes})
        with self._db.write() as session:
            _check_communes(session, wanted)
            holder = session.scalar(select(CentreCollaborator).where(CentreCollaborator.key_fingerprint == fingerprint))
            if holder is not None and holder.code != code:
                raise DomainError("centre.key_in_use", collaborator=holder.code)
            row = session.get(CentreCollaborator, code)
            now = self._clock()
            if row is None:
                row = CentreCollaborator(code=code, enrolled_at=now, revoked_at=None)
                session.add(row)
            elif row.key_fingerprint == fingerprint:
                if row.status == CollaboratorStatus.REVOKED.value:
                    raise DomainError("centre.key_revoked", collaborator=code)
            elif not rekey:
                raise DomainError("centre.collaborator_enrolled", collaborator=code, fingerprint=row.key_fingerprint)
            else:  # a new laptop or a lost key: the old key stops being trusted at once
                row.enrolled_at, row.revoked_at = now, None
            if encryption_key is not None:
                row.encryption_key = bytes(encryption_key)
            elif row.key_fingerprint != fingerprint:
                row.encryption_key = None
            row.full_name = full_name
            row.public_key = public_key
            row.key_fingerprint = fingerprint
            row.device_id = device_id
            row.status = CollaboratorStatus.ACTIVE.value
            row.communes = wanted
            session.flush()
            return to_enrolled(row)

    def revoke(self, code: str) -> EnrolledCollaborator:
        """Stop trusting a collaborator's key (idempotent). Their packages are refused from now on."""
        code = normalize_code(code)
        with self._db.write() as session:
            row = session.get(CentreCollaborator, code)
            if row is None:
                raise DomainError("centre.unknown_collaborator", collaborator=code)
            if row.status != CollaboratorStatus.REVOKED.value:
                row.status = CollaboratorStatus.REVOKED.value
                row.revoked_at = self._clock()
                session.flush()
            return to_enrolled(row)

    def get(self, code: str) -> EnrolledCollaborator:
        code = normalize_code(code)
        with self._db.read() as session:
            found = get_collaborator(session, code)
        if found is None:
            raise DomainError("centre.unknown_collaborator", collaborator=code)
        return found

    def enrolled(self) -> list[EnrolledCollaborator]:
        with self._db.read() as session:
            rows = session.scalars(select(CentreCollaborator).order_by(CentreCollaborator.code))
            return [to_enrolled(r) for r in rows]

    def key_for(self, fingerprint: str) -> bytes | None:
        """The importer's ``key_for``: the public key of an active collaborator, else None."""
        with self._db.read() as session:
            return active_key_for(session, fingerprint)


def _check_public_key(raw: bytes) -> bytes:
    raw = bytes(raw)
    if len(raw) != PUBLIC_KEY_BYTES:
        raise DomainError("centre.bad_public_key")
    try:
        Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise DomainError("centre.bad_public_key") from exc
    return raw


def _check_communes(session: Session, codes: list[int]) -> None:
    if not codes:
        return
    known = set(session.scalars(select(Commune.code).where(Commune.code.in_(codes))))
    for code in codes:
        if code not in known:
            raise DomainError("centre.unknown_commune", commune=code)
