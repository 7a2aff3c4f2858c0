"""``kcfield-centre init``: create or upgrade the database, load the bundled reference data, make the key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kcfield.centre.db import CentreDatabase, locate, open_centre, resolve_key_path, utc_now
from kcfield.centre.identity import CentreIdentity, ensure_identity
from kcfield.resources import resource_path
from kcfield.store import reference as reference_loader


@dataclass(frozen=True)
class InitResult:
    where: str
    created: bool
    upgraded: bool
    backup: Path | None
    key_created: bool
    identity: CentreIdentity
    reference_loaded: tuple[str, ...]


def init_centre(
    url: str | None, data_dir: str | Path | None = None, key: str | Path | None = None, *, now: datetime | None = None
) -> InitResult:
    """Idempotent: a second run changes nothing but reports the same fingerprint."""
    key_path = resolve_key_path(locate(url, data_dir), key)  # before anything is created: PostgreSQL needs --key
    db = open_centre(url, data_dir, create=True, now=now)
    try:
        loaded = load_reference(db, now=now)
        setup = ensure_identity(db, key_path)
        return InitResult(
            where=db.location.display(),
            created=db.created,
            upgraded=db.upgraded,
            backup=db.backup,
            key_created=setup.key_created,
            identity=setup.identity,
            reference_loaded=tuple(loaded),
        )
    finally:
        db.close()


def load_reference(db: CentreDatabase, *, now: datetime | None = None) -> list[str]:
    """The same loader and files as the field: the centre starts from the bundled reference data."""
    with db.write() as session:
        return reference_loader.ensure_bundled(session, resource_path("data"), now or utc_now())
