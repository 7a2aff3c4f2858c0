"""Reference data the centre publishes: a newer version of a dataset (a rule set, benchmarks, communes …).

``kcfield-centre reference-data NAME FILE --version V`` loads the file into the centre's own tables (the same
loader and checks as the bundled data) and keeps its bytes, so every reference package carries it as
``reference/dataset-<name>.json``. A laptop applies a dataset whose version is newer than the one it has;
from then on the bundled copy never overwrites it (DESIGN.md §3, reference data).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from kcfield.centre.db import CentreDatabase, get_state, set_state, utc_now
from kcfield.domain.errors import DomainError
from kcfield.store import reference as loader
from kcfield.store.models import ReferenceDataset

__all__ = ["MEMBER_PREFIX", "load_centre_dataset", "published_datasets", "version_key"]

MEMBER_PREFIX = "reference/dataset-"
_STATE_PREFIX = "dataset:"


def version_key(version: str) -> tuple[int, ...]:
    """ "2026.2" → (2026, 2); a version that is not dotted numbers is refused by the caller."""
    return tuple(int(part) for part in version.split("."))


def load_centre_dataset(db: CentreDatabase, name: str, path: Path, version: str, source: str = "") -> None:
    known = set(loader.TABLES) | loader.DOCUMENTS
    if name not in known:
        raise DomainError("centre.unknown_dataset", name=name, known=", ".join(sorted(known)))
    try:
        wanted = version_key(version)
    except ValueError:
        raise DomainError("centre.bad_version", version=version) from None
    content = path.read_bytes()
    info = loader.DatasetInfo(name, path.name, version, source or f"Trung tâm Khuyến công, {path.name}")
    with db.write() as session:
        current = session.get(ReferenceDataset, name)
        if current is not None and version_key(current.version) >= wanted:
            raise DomainError("centre.version_not_newer", name=name, version=version, current=current.version)
        loader.load_dataset(session, info, content, origin="centre", now=utc_now())
        record = {"name": name, "file": path.name, "version": version, "source": info.source,
                  "content": base64.b64encode(content).decode("ascii")}  # fmt: skip
        set_state(session, _STATE_PREFIX + name, json.dumps(record, ensure_ascii=False))


def published_datasets(session: Any) -> dict[str, bytes]:
    """The members a reference package carries for the datasets the centre published."""
    from sqlalchemy import select

    from kcfield.centre.models import CentreState

    members: dict[str, bytes] = {}
    for key in session.scalars(select(CentreState.key).where(CentreState.key.like(_STATE_PREFIX + "%"))):
        value = get_state(session, key)
        if value:
            members[f"{MEMBER_PREFIX}{key.removeprefix(_STATE_PREFIX).replace('_', '-')}.json"] = value.encode()
    return members
