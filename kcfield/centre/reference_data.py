"""Reference data the centre publishes: a newer version of a dataset (a rule set, benchmarks, communes …).

``kcfield-centre reference-data NAME FILE --version V`` loads the file into the centre's own tables (the same
loader and checks as the bundled data) and keeps its bytes, so every reference package carries it as
``reference/dataset-<name>.json``. A laptop applies a dataset whose version is newer than the one it has;
from then on the bundled copy never overwrites it (DESIGN.md §3, reference data).

The centre's personal-data setting travels the same way: ``kcfield-centre personal-data --collect …`` says
which personal fields (:data:`kcfield.domain.personal.COLLECTABLE`) the centre collects; every reference
package carries it as ``reference/personal_data.json`` (``{"collect": [...]}``) and laptops leave the other
fields out of what they send. Until it is set, :data:`~kcfield.domain.personal.DEFAULT_COLLECT` applies: phones
and e-mail yes, personal ID numbers no.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from kcfield.centre.db import CentreDatabase, get_state, set_state, utc_now
from kcfield.domain.errors import DomainError
from kcfield.domain.personal import COLLECTABLE, DEFAULT_COLLECT, parse_collect
from kcfield.store import reference as loader
from kcfield.store.models import ReferenceDataset

__all__ = [
    "MEMBER_PREFIX",
    "PERSONAL_DATA_MEMBER",
    "collected_fields",
    "load_centre_dataset",
    "personal_data_member",
    "published_datasets",
    "set_collected_fields",
    "version_key",
]

MEMBER_PREFIX = "reference/dataset-"
PERSONAL_DATA_MEMBER = "reference/personal_data.json"
_STATE_PREFIX = "dataset:"
_PERSONAL_DATA_STATE = "personal_data"  # centre_state: {"collect": [...]} once the centre has chosen


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


def collected_fields(session: Any) -> frozenset[str]:
    """The personal fields the centre collects (the default until it chose)."""
    raw = get_state(session, _PERSONAL_DATA_STATE)
    if raw is None:
        return DEFAULT_COLLECT
    return parse_collect(json.loads(raw)["collect"])


def set_collected_fields(db: CentreDatabase, names: list[str]) -> frozenset[str]:
    """Choose which personal fields the centre collects; ``DomainError("personal.unknown_field")``."""
    try:
        collect = parse_collect(names)
    except ValueError as exc:
        raise DomainError("personal.unknown_field", name=str(exc), known=", ".join(sorted(COLLECTABLE))) from None
    with db.write() as session:
        set_state(session, _PERSONAL_DATA_STATE, json.dumps({"collect": sorted(collect)}))
    return collect


def personal_data_member(session: Any) -> dict[str, bytes]:
    """The member every reference package carries with the centre's personal-data setting."""
    body = {"collect": sorted(collected_fields(session))}
    return {PERSONAL_DATA_MEMBER: json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")}


def published_datasets(session: Any) -> dict[str, bytes]:
    """The members a reference package carries for the datasets the centre published, and the centre's
    personal-data setting (:data:`PERSONAL_DATA_MEMBER`)."""
    from sqlalchemy import select

    from kcfield.centre.models import CentreState

    members: dict[str, bytes] = {}
    for key in session.scalars(select(CentreState.key).where(CentreState.key.like(_STATE_PREFIX + "%"))):
        value = get_state(session, key)
        if value:
            members[f"{MEMBER_PREFIX}{key.removeprefix(_STATE_PREFIX).replace('_', '-')}.json"] = value.encode()
    members.update(personal_data_member(session))
    return members
