"""Reference packages, centre → field (DESIGN.md §4): what a collaborator's laptop should hold.

A reference package carries, at their current centre revisions, the establishments of the collaborator's
communes (so a value resolved in a conflict reaches every laptop), the collaborator's assignments, and the
centre's public keys (``reference/centre.json``: the signing key, and the X25519 key the laptop seals its
exports for), so that the first one — the welcome package written at enrolment — lets the laptop trust the
centre after a spoken check of the fingerprint. Each record line's ``base_revision`` is the revision it is
sent at. The package is sealed for the collaborator's X25519 key from their enrolment request.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kcfield import __version__
from kcfield.centre.collaborators import encryption_key_of, get_collaborator
from kcfield.centre.db import CentreDatabase, next_counter, utc_now
from kcfield.centre.identity import CentreIdentity
from kcfield.centre.models import Assignment, RecordHead, Revision
from kcfield.centre.reference_data import collected_fields, published_datasets
from kcfield.domain.errors import DomainError
from kcfield.domain.personal import withhold_line
from kcfield.store.migrate import head_revision
from kcfield.store.models import EstablishmentRow
from kcfield.sync.manifest import PackageKind, Party
from kcfield.sync.package import WrittenPackage, write_package

__all__ = ["ASSIGNMENTS_MEMBER", "CENTRE_MEMBER", "ReferenceBuilder", "ReferenceSummary"]

CENTRE_MEMBER = "reference/centre.json"
ASSIGNMENTS_MEMBER = "reference/assignments.json"
STATE_MEMBER = "reference/state.json"  # when it was built: the laptop asks for what moved since then
CHUNK = 500


@dataclass(frozen=True)
class ReferenceSummary:
    package: WrittenPackage
    establishments: int
    assignments: int


class ReferenceBuilder:
    def __init__(self, db: CentreDatabase, identity: CentreIdentity, clock: Any = utc_now) -> None:
        self._db, self._identity, self._clock = db, identity, clock

    def write(self, collaborator_code: str, folder: Path, since: int | None = None) -> ReferenceSummary:
        """The collaborator's reference package, written into ``folder``.

        ``since`` (unix seconds, as a previous package's ``reference/state.json`` said) keeps only the
        establishments whose centre revision moved after it: what the laptop has not seen yet. A collaborator
        enrolled (or re-keyed) after ``since`` gets everything again.
        """
        built_at = _now(self._clock)
        with self._db.write() as session:
            person = get_collaborator(session, collaborator_code)
            if person is None:
                raise DomainError("centre.unknown_collaborator", collaborator=collaborator_code)
            encrypt_for = encryption_key_of(person)
            communes = [int(c) for c in person.communes]
            full = since is None or person.enrolled_at.timestamp() >= since
            ids = list(
                session.scalars(
                    select(EstablishmentRow.id).where(EstablishmentRow.commune_code.in_(communes)).order_by(
                        EstablishmentRow.id
                    )
                )
            ) if communes else []  # fmt: skip
            if not full and ids:
                moved = _moved_since(session, "establishment", datetime.fromtimestamp(since or 0, UTC))
                ids = [i for i in ids if i in moved]
            collect = collected_fields(session)  # personal fields not collected go out withheld
            heads = _head_lines(session, "establishment", ids)
            lines = [withhold_line("establishment", line, collect) for line in heads]
            assignments = [
                {
                    "establishment_id": str(a.establishment_id) if a.establishment_id else None,
                    "commune_code": a.commune_code,
                    "due_date": a.due_date.isoformat() if a.due_date else None,
                    "note": a.note,
                }
                for a in session.scalars(
                    select(Assignment).where(Assignment.collaborator_code == person.code).order_by(Assignment.id)
                )
            ]
            sequence = next_counter(session, f"reference_sequence:{person.code}")
            datasets = published_datasets(session)
        identity = self._identity
        members = {
            CENTRE_MEMBER: _json(
                {
                    "code": identity.code,
                    "device_id": identity.device_id,
                    "fingerprint": identity.fingerprint,
                    "public_key": base64.b64encode(identity.public_key).decode("ascii"),
                    "encryption_key": base64.b64encode(identity.encryption_public_key).decode("ascii"),
                }
            ),
            ASSIGNMENTS_MEMBER: _json(assignments),
            STATE_MEMBER: _json({"built_at": int(built_at.timestamp()), "since": None if full else since}),
        }
        members.update(datasets)
        if lines:
            members["records/establishment.jsonl"] = b"".join(_json(line) + b"\n" for line in lines)
        written = write_package(
            folder,
            kind=PackageKind.CENTRE_REFERENCE,
            sender=Party("centre", identity.code, identity.device_id, identity.fingerprint),
            recipient=person.code,
            sequence=sequence,
            previous_sha256="",
            members=members,
            key=identity.key,
            app_version=__version__,
            schema_version=head_revision(),
            encrypt_for=encrypt_for,
            created_at=_now(self._clock),
        )
        return ReferenceSummary(written, len(lines), len(assignments))


def _moved_since(session: Any, entity: str, moment: datetime) -> set[Any]:
    return set(
        session.scalars(
            select(RecordHead.record_id).where(RecordHead.entity == entity, RecordHead.updated_at >= moment)
        )
    )


def _head_lines(session: Any, entity: str, ids: Sequence[Any]) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = session.execute(
            select(Revision.data, Revision.revision)
            .join(
                RecordHead,
                (RecordHead.entity == Revision.entity)
                & (RecordHead.record_id == Revision.record_id)
                & (RecordHead.revision == Revision.revision),
            )
            .where(Revision.entity == entity, Revision.record_id.in_(chunk))
        )
        for data, revision in rows:
            line = {k: v for k, v in dict(data).items() if k != "local_edits"}
            line["base_revision"] = int(revision)
            lines.append(line)
    lines.sort(key=lambda line: str(line["id"]))
    return lines


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _now(clock: Any) -> datetime:
    moment = clock()
    assert isinstance(moment, datetime)
    return moment
