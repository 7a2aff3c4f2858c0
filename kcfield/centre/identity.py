"""The centre's own Ed25519 key: made once by ``init``, its fingerprint kept in the database.

The fingerprint in ``centre_state`` is the centre's identity as every enrolled laptop knows it. So a key file
that does not match it is refused, and a missing key file is an error, never a reason to make a new key
silently: a new key would make every laptop refuse the centre's packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy.orm import Session

from kcfield.centre.db import CentreDatabase, get_state, set_state
from kcfield.domain.errors import DomainError
from kcfield.sync import keys

STATE_FINGERPRINT = "centre.key_fingerprint"
STATE_CODE = "centre.code"
STATE_DEVICE_ID = "centre.device_id"
DEFAULT_CODE = "TTKC"  # Trung tâm Khuyến công


@dataclass(frozen=True)
class CentreIdentity:
    """Who the centre is in a package's manifest: its code, device id and key."""

    code: str
    device_id: str
    key: Ed25519PrivateKey
    public_key: bytes
    fingerprint: str
    key_path: Path

    @property
    def encryption_key(self) -> X25519PrivateKey:
        """The X25519 key derived from the signing key: field packages are sealed for its public half."""
        return keys.encryption_private_key(self.key)

    @property
    def encryption_public_key(self) -> bytes:
        return keys.encryption_public_bytes(self.key)


@dataclass(frozen=True)
class KeySetup:
    identity: CentreIdentity
    key_created: bool


def ensure_identity(db: CentreDatabase, key_path: Path) -> KeySetup:
    """Make the centre key on the first ``init``; later, check the file still matches the recorded one."""
    with db.write() as session:
        recorded = get_state(session, STATE_FINGERPRINT)
        created = False
        if key_path.exists():
            key = keys.load_private_key(key_path)
        elif recorded is not None:
            raise DomainError("centre.key_missing", path=str(key_path), fingerprint=recorded)
        else:
            key = keys.generate_private_key()
            try:
                key_path.parent.mkdir(parents=True, exist_ok=True)
                keys.save_private_key(key_path, key)
            except OSError as exc:
                raise DomainError("store.read_only", path=str(key_path.parent)) from exc
            created = True
        public = keys.public_bytes(key)
        fingerprint = keys.fingerprint(public)
        if recorded is not None and recorded != fingerprint:
            raise DomainError("centre.key_mismatch", path=str(key_path), fingerprint=recorded)
        if recorded is None:
            set_state(session, STATE_FINGERPRINT, fingerprint)
        code = _state_or(session, STATE_CODE, DEFAULT_CODE)
        device_id = _state_or(session, STATE_DEVICE_ID, uuid4().hex)
    return KeySetup(CentreIdentity(code, device_id, key, public, fingerprint, key_path), created)


def load_identity(db: CentreDatabase, key_path: Path) -> CentreIdentity:
    """The centre's identity for signing (receipts, reference packages); never makes a key."""
    with db.read() as session:
        recorded = get_state(session, STATE_FINGERPRINT)
        code = get_state(session, STATE_CODE) or DEFAULT_CODE
        device_id = get_state(session, STATE_DEVICE_ID) or ""
    if recorded is None:
        raise DomainError("centre.not_initialised", where=db.location.display())
    if not key_path.exists():
        raise DomainError("centre.key_missing", path=str(key_path), fingerprint=recorded)
    key = keys.load_private_key(key_path)
    public = keys.public_bytes(key)
    fingerprint = keys.fingerprint(public)
    if fingerprint != recorded:
        raise DomainError("centre.key_mismatch", path=str(key_path), fingerprint=recorded)
    return CentreIdentity(code, device_id, key, public, fingerprint, key_path)


def recorded_fingerprint(session: Session) -> str | None:
    return get_state(session, STATE_FINGERPRINT)


def _state_or(session: Session, key: str, default: str) -> str:
    value = get_state(session, key)
    if value is None:
        set_state(session, key, default)
        return default
    return value
