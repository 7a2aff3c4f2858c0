"""The field's sync state: a few key/value facts kept in the ``sync_state`` table.

They change only inside the transaction that commits an export (sequence, previous hash, last audit event) or
that trusts a centre key, so a crash never leaves them out of step with the outbox.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcfield.store.models import SyncStateRow

NEXT_SEQUENCE = "next_sequence"  # per-device sequence number of the next package (starts at 1)
PREVIOUS_SHA256 = "previous_sha256"  # sha256 of the whole file of the last package written ("" before the first)
LAST_EXPORT_AT = "last_export_at"  # ISO instant (UTC) of the last export
LAST_AUDIT_SEQ = "last_audit_seq"  # seq of the last audit event carried by a package (0 before the first)
CENTRE_PUBLIC_KEY = "centre_public_key"  # base64 of the trusted centre's raw Ed25519 public key
CENTRE_FINGERPRINT = "centre_fingerprint"  # its fingerprint, as shown to be read aloud
CENTRE_ENCRYPTION_KEY = "centre_encryption_key"  # base64 of the centre's raw X25519 public key: exports seal for it

FIRST_SEQUENCE = 1


def read_state(session: Session) -> dict[str, str]:
    return {key: value for key, value in session.execute(select(SyncStateRow.key, SyncStateRow.value)).all()}


def set_state(session: Session, values: dict[str, str]) -> None:
    for key, value in values.items():
        row = session.get(SyncStateRow, key)
        if row is None:
            session.add(SyncStateRow(key=key, value=value))
        else:
            row.value = value
    session.flush()


def next_sequence(state: dict[str, str]) -> int:
    return int(state.get(NEXT_SEQUENCE) or FIRST_SEQUENCE)


def last_audit_seq(state: dict[str, str]) -> int:
    return int(state.get(LAST_AUDIT_SEQ) or 0)
