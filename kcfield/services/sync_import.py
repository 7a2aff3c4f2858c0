"""The field applies what the centre sends back: receipts and reference packages (DESIGN.md §4).

Trust: the first reference package (the welcome package written at enrolment) carries the centre's public
key in ``reference/centre.json``; it is trusted when nothing is trusted yet, and its fingerprint is returned so
the person can read it aloud against the one the centre shows. From then on only packages signed by that key
are accepted, and only those addressed to this collaborator. ``centre.json`` also carries the centre's X25519
encryption key: every reference package signed by the trusted key stores it (``centre_encryption_key``), and
exports are sealed for it. Packages from the centre are sealed for this collaborator's own X25519 key, derived
from the signing key in ``keys/collaborator.key``.

Receipts: records the centre applied become synced at the centre's revision; a record the centre merged or
held in conflict takes the centre's copy when it was not edited again since the export (a record edited
since keeps its local copy and its old base, so the next upload merges against the right revision). The
package is marked acknowledged in the outbox.

Reference packages: records not on this laptop are added; clean local copies are replaced by the centre's;
copies with local changes are kept (the centre merges them on the next upload). Assignments are stored.

Personal data (:mod:`kcfield.domain.personal`): a reference package carries the centre's setting of which
personal fields it collects; it is stored in ``sync_state`` and exports follow it. When a centre line
replaces a local copy — from a reference package or a receipt — every field the line withholds, and every
field the centre does not collect, keeps this laptop's value. A field the centre starts collecting is sent
again: the records holding a value of it are marked changed, so the next export carries them (and the
centre's copy, which never had the value, does not replace them meanwhile).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from kcfield.domain.errors import DomainError
from kcfield.domain.personal import not_collected, parse_collect
from kcfield.services import sync_state
from kcfield.services.context import ServiceContext
from kcfield.services.establishments import EstablishmentService
from kcfield.services.reference import ReferenceService
from kcfield.services.sync_records import PERSONAL_DATA_STATE, collected_fields
from kcfield.store import reference as loader
from kcfield.store.models import SYNCED_TABLES, CollaboratorRow, ReferenceDataset, SyncOutboxRow
from kcfield.store.record_lines import ENTITIES, LineRow, keep_withheld, line_row, write_lines
from kcfield.sync import keys
from kcfield.sync.manifest import PackageKind
from kcfield.sync.package import OpenedPackage, peek_member, read_package

__all__ = ["FieldImportResult", "FieldImportService"]

CENTRE_MEMBER = "reference/centre.json"
ASSIGNMENTS_MEMBER = "reference/assignments.json"
RECEIPT_MEMBER = "receipt.json"
ASSIGNMENTS_STATE = "assignments"
DATASET_PREFIX = "reference/dataset-"
STATE_MEMBER = "reference/state.json"
PERSONAL_DATA_MEMBER = "reference/personal_data.json"  # {"collect": [...]}: the centre's personal-data setting
REFERENCE_BUILT_AT = "reference_built_at"  # unix seconds of the last reference package applied here
_PEEK_LIMIT = 16 * 1024


@dataclass
class FieldImportResult:
    file: str
    kind: str  # receipt | centre-reference
    counts: dict[str, int] = field(default_factory=dict)
    trusted_fingerprint: str = ""  # set when this package made the laptop trust the centre
    package_id: str = ""  # the acknowledged field package (receipts)


class FieldImportService:
    def __init__(
        self,
        ctx: ServiceContext,
        establishments: EstablishmentService,
        reference: ReferenceService,
        signing_key: Callable[[], Ed25519PrivateKey] | None = None,
    ) -> None:
        self._ctx = ctx
        self._signing_key = signing_key  # the collaborator's key: its derived X25519 key opens centre packages
        self._establishments = establishments
        self._reference_data = reference
        self._reference_changed = False
        self.before_import: Callable[[], object] = lambda: None  # the container sets the backup before an import

    def _derive(self, rows: list[LineRow]) -> list[LineRow]:
        """Establishments carry columns the app derives (search text, Vietnamese sort key, size, eligibility)."""
        for row in rows:
            if row.entity == "establishment" and row.record is not None:
                row.values.update(self._establishments.derived_columns(row.record))
        return rows

    def centre_fingerprint(self) -> str:
        with self._ctx.store.read() as session:
            return sync_state.read_state(session).get(sync_state.CENTRE_FINGERPRINT, "")

    def reference_built_at(self) -> int | None:
        """When the centre built the last reference package applied here: the next one need only say what
        moved since."""
        with self._ctx.store.read() as session:
            value = sync_state.read_state(session).get(REFERENCE_BUILT_AT, "")
        return int(value) if value.isdigit() else None

    def assignments(self) -> list[dict[str, Any]]:
        with self._ctx.store.read() as session:
            raw = sync_state.read_state(session).get(ASSIGNMENTS_STATE, "[]")
        value = json.loads(raw)
        return value if isinstance(value, list) else []

    def import_file(self, path: Path) -> FieldImportResult:
        with self._ctx.store.read() as session:
            state = sync_state.read_state(session)
            me = session.scalar(select(CollaboratorRow.code).where(CollaboratorRow.is_local_user.is_(True)))
        trusted = state.get(sync_state.CENTRE_PUBLIC_KEY, "")
        own = self._decryption_key()
        new_trust = ""
        if trusted:
            public = base64.b64decode(trusted)
        else:
            public = _peek_centre_key(path, own)
            new_trust = keys.fingerprint(public)
        with read_package(path, lambda fp: public if fp == keys.fingerprint(public) else None, own) as package:
            # A backup of the store as it was before this package, once the package proved sound: a damaged
            # or foreign file is refused without costing one (kcfield.services.backups).
            self.before_import()
            return self._import(path, package, me, new_trust, public)

    def _decryption_key(self) -> X25519PrivateKey:
        if self._signing_key is None:
            raise DomainError("sync_field.no_profile")
        return keys.encryption_private_key(self._signing_key())

    def _import(
        self, path: Path, package: OpenedPackage, me: str | None, new_trust: str, public: bytes
    ) -> FieldImportResult:
        manifest = package.manifest
        if me is None or manifest.recipient != me:
            raise DomainError("sync_import.not_for_you", file=path.name, recipient=manifest.recipient)
        if manifest.kind is PackageKind.RECEIPT:
            if new_trust:
                raise DomainError("sync_import.untrusted", file=path.name)
            return self._receipt(package)
        if manifest.kind is PackageKind.CENTRE_REFERENCE:
            self._reference_changed = False
            result = self._reference(package, new_trust, public)
            if self._reference_changed:
                self._reference_data.forget()  # lookups cached from the old data are dropped
            return result
        raise DomainError("sync_import.wrong_kind", file=path.name, kind=manifest.kind.value)

    # --- receipts ----------------------------------------------------------------------------------------

    def _receipt(self, package: OpenedPackage) -> FieldImportResult:
        body = package.json(RECEIPT_MEMBER)
        if not isinstance(body, dict) or not isinstance(body.get("records"), list):
            raise DomainError("sync_import.bad_receipt", file=package.path.name)
        result = FieldImportResult(package.path.name, PackageKind.RECEIPT.value, package_id=str(body["package_id"]))
        if body.get("status") == "held":  # the centre keeps it until an earlier package arrives: not done yet
            result.counts = {"held": 1, "waiting_for": int(body.get("waiting_for") or 0)}
            return result
        by_entity: dict[str, list[dict[str, Any]]] = {}
        for record in body["records"]:
            by_entity.setdefault(str(record.get("entity")), []).append(record)
            outcome = str(record.get("outcome"))
            result.counts[outcome] = result.counts.get(outcome, 0) + 1
        with self._ctx.store.write() as session:
            outbox = session.get(SyncOutboxRow, result.package_id)
            if outbox is None:
                raise DomainError("sync_import.unknown_package", file=package.path.name)
            for entity in ENTITIES:
                records = by_entity.get(entity, [])
                if records:
                    self._apply_receipt_records(session, entity, records)
            outbox.acknowledged_at = self._ctx.now()
            outbox.receipt_summary = dict(result.counts)
        return result

    def _apply_receipt_records(self, session: Session, entity: str, records: list[dict[str, Any]]) -> None:
        table = _table(entity)
        current = _counters(session, table, [UUID(str(r["id"])) for r in records])
        withheld = not_collected(entity, collected_fields(session))
        with_lines = [r for r in records if isinstance(r.get("line"), dict)]
        kept = keep_withheld(session, entity, [r["line"] for r in with_lines], also=withheld)
        records = [r for r in records if not isinstance(r.get("line"), dict)] + [
            {**r, "line": line} for r, line in zip(with_lines, kept, strict=True)
        ]
        rebase: list[tuple[UUID, int]] = []
        replace: list[LineRow] = []
        for record in records:
            record_id = UUID(str(record["id"]))
            revision = record.get("revision")
            if record_id not in current or not isinstance(revision, int):
                continue  # rejected, or the record is gone from this laptop
            local_edits, exported_edits, _base = current[record_id]
            clean = local_edits == exported_edits
            outcome = record.get("outcome")
            if outcome == "applied":
                rebase.append((record_id, revision))
            elif outcome in ("merged", "conflict") and clean and isinstance(record.get("line"), dict):
                replace.append(
                    line_row(
                        entity,
                        record["line"],
                        base_revision=revision,
                        local_edits=local_edits,
                        exported_edits=exported_edits,
                    )
                )
        for record_id, revision in rebase:
            session.execute(table.update().where(table.c.id == record_id).values(base_revision=revision))
        write_lines(session, self._derive(replace))

    # --- reference packages ------------------------------------------------------------------------------

    def _reference(self, package: OpenedPackage, new_trust: str, public: bytes) -> FieldImportResult:
        result = FieldImportResult(package.path.name, PackageKind.CENTRE_REFERENCE.value)
        with self._ctx.store.write() as session:
            if new_trust:
                sync_state.set_state(
                    session,
                    {
                        sync_state.CENTRE_PUBLIC_KEY: base64.b64encode(public).decode("ascii"),
                        sync_state.CENTRE_FINGERPRINT: new_trust,
                    },
                )
                result.trusted_fingerprint = new_trust
            encryption_key = _centre_encryption_key(package)
            if encryption_key:
                sync_state.set_state(session, {sync_state.CENTRE_ENCRYPTION_KEY: encryption_key})
            for name in package.names:  # reference data first: the records' derived columns read it
                if name.startswith(DATASET_PREFIX) and self._apply_dataset(session, package.json(name)):
                    result.counts["datasets"] = result.counts.get("datasets", 0) + 1
            if self._reference_changed:
                self._reference_data.forget()
            if PERSONAL_DATA_MEMBER in package.names:  # before the records: they are kept by it
                self._apply_personal_data(session, package.json(PERSONAL_DATA_MEMBER), package.path.name)
            for entity in ENTITIES:
                lines = package.records(entity)
                if lines:
                    self._apply_reference_lines(session, entity, lines, result.counts)
            if STATE_MEMBER in package.names:
                state = package.json(STATE_MEMBER)
                built_at = state.get("built_at") if isinstance(state, dict) else None
                if isinstance(built_at, int):
                    sync_state.set_state(session, {REFERENCE_BUILT_AT: str(built_at)})
            if ASSIGNMENTS_MEMBER in package.names:
                assignments = package.json(ASSIGNMENTS_MEMBER)
                sync_state.set_state(session, {ASSIGNMENTS_STATE: json.dumps(assignments, ensure_ascii=False)})
                result.counts["assignments"] = len(assignments) if isinstance(assignments, list) else 0
        return result

    def _apply_dataset(self, session: Session, record: Any) -> bool:
        """A dataset the centre published, loaded when newer than this laptop's; True when loaded."""
        try:
            info = loader.DatasetInfo(str(record["name"]), str(record["file"]), str(record["version"]),
                                      str(record.get("source", "")))  # fmt: skip
            content = base64.b64decode(str(record["content"]), validate=True)
            wanted = tuple(int(p) for p in info.version.split("."))
        except (KeyError, TypeError, ValueError) as exc:
            raise DomainError("sync_import.bad_dataset", reason=str(exc)) from exc
        if info.name not in set(loader.TABLES) | loader.DOCUMENTS:
            raise DomainError("sync_import.bad_dataset", reason=f"unknown dataset {info.name}")
        current = session.get(ReferenceDataset, info.name)
        if current is not None:
            try:
                if tuple(int(p) for p in current.version.split(".")) >= wanted:
                    return False
            except ValueError:
                pass  # an unreadable local version: the centre's wins
        loader.load_dataset(session, info, content, origin="centre", now=self._ctx.now())
        self._reference_changed = True
        return True

    def _apply_personal_data(self, session: Session, body: Any, file: str) -> None:
        """Store the centre's personal-data setting; mark for sending the records holding a newly collected
        field."""
        try:
            collect = parse_collect(body["collect"]) if isinstance(body["collect"], list) else None
        except (KeyError, TypeError, ValueError) as exc:
            raise DomainError("personal.bad_setting", file=file, reason=str(exc)) from exc
        if collect is None:
            raise DomainError("personal.bad_setting", file=file, reason="collect")
        before = collected_fields(session)
        sync_state.set_state(session, {PERSONAL_DATA_STATE: json.dumps(sorted(collect))})
        for entity in ("establishment", "visit"):
            newly = not_collected(entity, before) - not_collected(entity, collect)
            if newly:
                _mark_for_sending(session, entity, newly)

    def _apply_reference_lines(
        self, session: Session, entity: str, lines: list[dict[str, Any]], counts: dict[str, int]
    ) -> None:
        table = _table(entity)
        lines = keep_withheld(session, entity, lines, also=not_collected(entity, collected_fields(session)))
        current = _counters(session, table, [UUID(str(line["id"])) for line in lines])
        rows: list[LineRow] = []
        for line in lines:
            record_id = UUID(str(line["id"]))
            revision = int(line.get("base_revision") or 0)
            if record_id not in current:
                rows.append(line_row(entity, line, base_revision=revision))
                counts["added"] = counts.get("added", 0) + 1
                continue
            local_edits, exported_edits, base = current[record_id]
            if local_edits != exported_edits:
                counts["kept"] = counts.get("kept", 0) + 1  # changed here since: the centre merges it later
                continue
            if base == revision:
                counts["unchanged"] = counts.get("unchanged", 0) + 1  # this laptop has that revision already
                continue
            rows.append(
                line_row(entity, line, base_revision=revision, local_edits=local_edits, exported_edits=exported_edits)
            )
            counts["updated"] = counts.get("updated", 0) + 1
        write_lines(session, self._derive(rows))


def _table(entity: str) -> Table:
    return SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined,no-any-return]


def _mark_for_sending(session: Session, entity: str, names: frozenset[str]) -> None:
    """Bump ``local_edits`` of the live records holding a value of one of ``names`` (a visit's snapshot
    counts when it is there), so the next export carries the values the centre did not collect before."""
    table = _table(entity)
    held = [table.c.profile_snapshot.is_not(None) if "." in name else table.c[name] != "" for name in sorted(names)]
    session.execute(
        table.update().where(table.c.deleted.is_(False), or_(*held)).values(local_edits=table.c.local_edits + 1)
    )


def _counters(session: Session, table: Table, ids: list[UUID]) -> dict[UUID, tuple[int, int, int]]:
    """(local_edits, exported_edits, base_revision) of each record present here."""
    found: dict[UUID, tuple[int, int, int]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(table.c.id, table.c.local_edits, table.c.exported_edits, table.c.base_revision).where(
                table.c.id.in_(chunk)
            )
        )
        for record_id, local_edits, exported_edits, base in rows:
            found[record_id] = (int(local_edits), int(exported_edits), int(base))
    return found


def _peek_centre_key(path: Path, own: X25519PrivateKey) -> bytes:
    """The public key a welcome package says it is signed with (checked against its signature right after)."""
    data = peek_member(path, own, CENTRE_MEMBER, _PEEK_LIMIT)
    if data is None:
        raise DomainError("sync_import.untrusted", file=path.name)
    try:
        raw = json.loads(data)
        public = base64.b64decode(str(raw["public_key"]), validate=True)
    except (KeyError, ValueError, TypeError) as exc:
        raise DomainError("sync_import.untrusted", file=path.name) from exc
    if len(public) != 32:
        raise DomainError("sync_import.untrusted", file=path.name)
    return public


def _centre_encryption_key(package: OpenedPackage) -> str:
    """The centre's X25519 public key (base64) from a verified reference package, "" when it carries none."""
    if CENTRE_MEMBER not in package.names:
        return ""
    raw = package.json(CENTRE_MEMBER)
    value = raw.get("encryption_key") if isinstance(raw, dict) else None
    if not isinstance(value, str):
        return ""
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return ""
    return value if keys.is_usable_encryption_key(decoded) else ""
