"""Import field packages at the centre, one package in one transaction (DESIGN.md §4, "Import at the centre").

1. Decrypt the file with the centre's X25519 key and verify it (``kcfield.sync.package.read_package``:
   envelope, shape, limits, signature, hashes) with the keys of enrolled, active collaborators; a revoked key,
   a package of the wrong kind or a sender that is not the key's owner is refused too. A refused package
   changes nothing and is not stored.
2. Idempotency: a package id already received with the same sha256 gives back its stored receipt; the same
   id with another sha256 is refused.
3. Order: a device's packages apply in sequence order, each naming the sha256 of the one before. A package
   that arrives early is stored as held and applied as soon as the gap fills.
4. Per record: a new id becomes revision 1; a copy whose ``base_revision`` is the current revision, or whose
   newer revisions all came from the same device, becomes the next revision; otherwise a field-level
   three-way merge (``kcfield.domain.merge``) against the revision the device started from. Conflicting fields
   keep the centre's value and are stored with both values for a person to resolve. Every revision is also
   written into the shared tables (``kcfield.store.record_lines``).
5. A signed receipt package, sealed for the sender's X25519 key, lists the outcome of every record; it is
   stored with the package row and written to the receipts folder for the field to import.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcfield import __version__
from kcfield.centre.collaborators import active_key_for, encryption_key_of, find_by_fingerprint, get_collaborator
from kcfield.centre.db import CentreDatabase, next_counter, utc_now
from kcfield.centre.history import (
    NewRevision,
    append_revisions,
    current_heads,
    revision_data,
    revision_devices_since,
)
from kcfield.centre.identity import CentreIdentity
from kcfield.centre.models import CentreConflict, CentrePackage, PackageStatus
from kcfield.centre.reference_data import collected_fields
from kcfield.domain.errors import DomainError
from kcfield.domain.merge import three_way
from kcfield.domain.personal import withhold_line
from kcfield.services.context import ServiceContext
from kcfield.services.establishments import EstablishmentService
from kcfield.services.reference import ReferenceService
from kcfield.store.migrate import head_revision
from kcfield.store.record_lines import (
    ENTITIES,
    LineRow,
    existing_ids,
    keep_withheld,
    line_row,
    reference_columns,
    write_lines,
)
from kcfield.sync.manifest import Manifest, PackageKind, PackageRejected, Party
from kcfield.sync.package import OpenedPackage, read_package, write_package

__all__ = ["CentreImporter", "ImportResult", "RecordOutcome"]

RECEIPT_MEMBER = "receipt.json"
MAX_NUMBER = 2**31 - 1  # sequence and revision numbers are 32-bit integer columns
_DEVICE = re.compile(r"[A-Za-z0-9_.:-]{1,40}")  # as enrolled (kcfield.centre.collaborators)
# What a record points at (entity, field): those rows must be at the centre before it.
_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "visit": (("establishment", "establishment_id"), ("visit", "amends_visit_id")),
    "equipment_need": (("establishment", "establishment_id"), ("visit", "visit_id")),
    "cp_assessment": (("establishment", "establishment_id"), ("visit", "visit_id")),
}


@dataclass(frozen=True)
class RecordOutcome:
    entity: str
    id: str
    outcome: str  # applied | merged | conflict | rejected
    revision: int | None = None
    conflicts: tuple[int, ...] = ()
    reason: str = ""
    line: dict[str, Any] | None = None  # the centre's record after a merge: the field takes it when clean

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"entity": self.entity, "id": self.id, "outcome": self.outcome}
        if self.revision is not None:
            data["revision"] = self.revision
        if self.conflicts:
            data["conflicts"] = list(self.conflicts)
        if self.reason:
            data["reason"] = self.reason
        if self.line is not None:
            data["line"] = self.line
        return data


@dataclass
class ImportResult:
    file: str
    package_id: str
    status: str  # applied | held | duplicate | rejected
    reason: str = ""
    receipt: Path | None = None
    waiting_for: int | None = None
    outcomes: list[RecordOutcome] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)  # what the reason's message names

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
        return counts


class CentreImporter:
    def __init__(
        self,
        db: CentreDatabase,
        identity: CentreIdentity,
        receipts_dir: Path,
        attachments_dir: Path,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._db, self._identity = db, identity
        self._receipts, self._attachments = receipts_dir, attachments_dir
        self._clock = clock
        self._decrypt_with = identity.encryption_key
        context = ServiceContext(db.store)
        self._profiles = EstablishmentService(context, ReferenceService(context))
        self._reference_keys: dict[str, set[Any]] = {}  # "communes.code" -> the codes there, read once

    # --- the entry point ---------------------------------------------------------------------------------

    def import_file(self, path: Path, accept: Callable[[Manifest], None] | None = None) -> list[ImportResult]:
        """Import one package file; the list also holds any held packages its arrival let through.

        ``accept``, when given, sees the verified manifest before anything is written and may raise to stop
        the import (the HTTP service checks the sender is the authenticated collaborator)."""
        try:
            package = self._verify(path)
        except DomainError as error:
            return [ImportResult(path.name, "", "rejected", reason=error.code, params=dict(error.params))]
        with package:
            if accept is not None:
                accept(package.manifest)
            return self._import(package, path.read_bytes())

    def _verify(self, path: Path) -> OpenedPackage:
        def key_for(fingerprint: str) -> bytes | None:
            with self._db.read() as session:
                key = active_key_for(session, fingerprint)
                if key is None and (known := find_by_fingerprint(session, fingerprint)) is not None:
                    raise PackageRejected("package.revoked_key", file=path.name, collaborator=known.code)
            return key

        package = read_package(path, key_for, self._decrypt_with)
        try:
            manifest = package.manifest
            if manifest.kind is not PackageKind.FIELD_CHANGES:
                raise PackageRejected("package.wrong_kind", file=path.name, kind=manifest.kind.value)
            with self._db.read() as session:
                owner = find_by_fingerprint(session, manifest.sender.key_fingerprint)
            if owner is None or owner.code != manifest.sender.code or manifest.sender.role != "collaborator":
                raise PackageRejected("package.sender_mismatch", file=path.name, sender=manifest.sender.code)
            if not 1 <= manifest.sequence <= MAX_NUMBER:
                raise PackageRejected("package.bad_sequence", file=path.name, sequence=manifest.sequence)
            if not _DEVICE.fullmatch(manifest.sender.device_id):  # it is stored beside every revision
                raise PackageRejected("package.bad_manifest", file=path.name, field="sender.device_id")
            encryption_key_of(owner)  # the receipt must be sealed for them: refused now rather than half-done
        except BaseException:
            package.close()
            raise
        return package

    def _import(self, package: OpenedPackage, content: bytes) -> list[ImportResult]:
        manifest = package.manifest
        name = package.path.name
        with self._db.write() as session:
            known = session.get(CentrePackage, manifest.package_id)
            if known is not None:
                if known.sha256 != package.sha256:
                    return [ImportResult(name, manifest.package_id, "rejected", reason="package.id_reused")]
                receipt = self._rewrite_receipt(known)
                return [ImportResult(name, manifest.package_id, "duplicate", receipt=receipt)]
            expected = _next_sequence(session, manifest.sender.code, manifest.sender.device_id)
            if manifest.sequence < expected:
                return [ImportResult(name, manifest.package_id, "rejected", reason="package.sequence_used")]
            if manifest.sequence > expected:
                if _sequence_taken(session, manifest.sender.code, manifest.sender.device_id, manifest.sequence):
                    return [ImportResult(name, manifest.package_id, "rejected", reason="package.sequence_used")]
                row = self._package_row(package, PackageStatus.HELD, content=content)
                receipt = self._write_receipt(
                    session, manifest.package_id, manifest.sequence, manifest.sender, [], waiting_for=expected
                )
                row.receipt = receipt.read_bytes()  # the same answer if the held package is sent again
                session.add(row)
                return [ImportResult(name, manifest.package_id, "held", receipt=receipt, waiting_for=expected)]
            previous = _previous_sha256(session, manifest.sender.code, manifest.sender.device_id, expected)
            if manifest.previous_sha256 != previous:
                return [ImportResult(name, manifest.package_id, "rejected", reason="package.chain_broken")]
            results = [self._apply(session, package, name)]
        results += self._apply_held(manifest.sender.code, manifest.sender.device_id)
        return results

    # --- applying ----------------------------------------------------------------------------------------

    def _apply(self, session: Session, package: OpenedPackage, name: str) -> ImportResult:
        manifest = package.manifest
        now = self._clock()
        outcomes: list[RecordOutcome] = []
        for entity in ENTITIES:
            lines = package.records(entity)
            if lines:
                outcomes += self._apply_entity(session, entity, lines, manifest.package_id, manifest.sender, now)
        self._store_attachments(package)
        row = self._package_row(package, PackageStatus.APPLIED)
        row.applied_at = now
        row.records = len(outcomes)
        receipt = self._write_receipt(session, manifest.package_id, manifest.sequence, manifest.sender, outcomes)
        row.receipt = receipt.read_bytes()
        session.add(row)
        return ImportResult(name, manifest.package_id, "applied", receipt=receipt, outcomes=outcomes)

    def _apply_entity(
        self,
        session: Session,
        entity: str,
        lines: list[dict[str, Any]],
        package_id: str,
        sender: Party,
        now: datetime,
    ) -> list[RecordOutcome]:
        ids = [UUID(str(line["id"])) for line in lines]
        # A withheld personal field takes the centre's current value: the sender said nothing about it.
        lines = keep_withheld(session, entity, lines)
        collect = collected_fields(session)  # what the receipt may carry back
        heads = current_heads(session, entity, ids)
        owners = _owner_ids(entity, lines)
        present_owners = {
            owner_entity: existing_ids(session, owner_entity, list(found)) if found else set()
            for owner_entity, found in owners.items()
        }
        outcomes: list[RecordOutcome] = []
        revisions: list[NewRevision] = []
        rows = []
        claimed: set[tuple[str, UUID]] = set()  # child rows (CP inputs…) this package writes
        for record_id, line in self._ordered(entity, ids, lines):
            problem = _line_problem(line) or self._missing_owner(session, entity, line, present_owners)
            if problem:
                outcomes.append(RecordOutcome(entity, str(record_id), "rejected", reason=problem))
                continue
            head = heads.get(record_id)
            base = int(line.get("base_revision") or 0)
            pending: list[CentreConflict] = []
            if head is None:
                revision, data, outcome = 1, _stored_line(line), "applied"
            elif base == head.revision or (
                0 < base < head.revision
                and all(d == sender.device_id for _r, d in revision_devices_since(session, entity, record_id, base))
            ):
                revision, data, outcome = head.revision + 1, _stored_line(line), "applied"
            else:
                base_line = revision_data(session, entity, record_id, base) if base > 0 else None
                centre_line = revision_data(session, entity, record_id, head.revision) or {}
                merged = three_way(_flat(base_line or {}), _flat(centre_line), _flat(line))
                pending = [
                    CentreConflict(
                        entity=entity,
                        record_id=record_id,
                        field_name=c.field,
                        base_revision=base,
                        centre_revision=head.revision,
                        base_value=c.base,
                        centre_value=c.centre,
                        field_value=c.incoming,
                        package_id=package_id,
                        sender=sender.code,
                        device_id=sender.device_id,
                        created_at=now,
                    )
                    for c in merged.conflicts
                ]
                if merged.taken:
                    revision, data = head.revision + 1, _unflat(centre_line, merged.fields, line)
                else:
                    revision, data = head.revision, centre_line
                outcome = "conflict" if pending else "merged"
            if head is None or revision != head.revision:
                try:
                    row = self._row_of(session, entity, data, revision, claimed)
                except DomainError as error:
                    outcomes.append(RecordOutcome(entity, str(record_id), "rejected", reason=error.code))
                    continue
                deleted = bool(data.get("deleted"))
                revisions.append(NewRevision(entity, record_id, revision, data, sender.device_id, package_id, deleted))
                rows.append(row)
            if pending:
                session.add_all(pending)
                session.flush()  # the conflicts' ids go into the receipt
                ids_ = tuple(c.id for c in pending)
                outgoing = withhold_line(entity, data, collect)
                outcomes.append(RecordOutcome(entity, str(record_id), "conflict", revision, ids_, line=outgoing))
            elif outcome == "merged":
                outgoing = withhold_line(entity, data, collect)
                outcomes.append(RecordOutcome(entity, str(record_id), "merged", revision, line=outgoing))
            else:
                outcomes.append(RecordOutcome(entity, str(record_id), outcome, revision))
        append_revisions(session, revisions, now)
        write_lines(session, rows)
        return outcomes

    def _row_of(
        self, session: Session, entity: str, data: dict[str, Any], revision: int, claimed: set[tuple[str, UUID]]
    ) -> LineRow:
        """The table rows of one revision, or ``sync.bad_record`` when a value does not fit its column (a string
        where a number goes, a number too big, text the database cannot store, a child row another record owns):
        the record is refused alone rather than failing the package's transaction."""
        row = line_row(entity, data, base_revision=revision)  # values checked against their columns there
        if entity == "establishment":  # the columns the app derives: search text, sort key, size, eligibility
            try:
                row.values.update(self._profiles.derived_columns(row.record))
            except (AttributeError, TypeError, ValueError, ArithmeticError, RecursionError) as exc:
                raise DomainError("sync.bad_record", entity=entity, id=str(row.id), reason=str(exc)) from exc
        problem = self._reference_problem(session, entity, row.values)
        for child, values in row.children.items():
            child_table = child.__table__
            if "id" in child_table.c:
                ids = [v["id"] for v in values]
                taken = {(child_table.name, i) for i in ids} & claimed
                others: set[Any] = set()
                if ids:
                    owned = child_table.c.assessment_id != row.id
                    others = set(session.scalars(select(child_table.c.id).where(child_table.c.id.in_(ids), owned)))
                if len(set(ids)) != len(ids) or taken or others:
                    problem = f"{child_table.name}.id"
                claimed.update((child_table.name, i) for i in ids)
        if problem:
            raise DomainError("sync.bad_record", entity=entity, id=str(row.id), reason=problem)
        return row

    def _reference_problem(self, session: Session, entity: str, values: dict[str, Any]) -> str:
        """The first column pointing at reference data (a commune, a province) that the centre does not have, or
        "". Links between records are checked before, by ``_missing_owner``; a code the reference tables lack
        would otherwise fail the whole package at the database's foreign key."""
        for column, target in reference_columns(entity):
            value = values.get(column)
            if value is None:
                continue
            name = f"{target.table.name}.{target.name}"
            known = self._reference_keys.get(name)
            if known is None:
                known = self._reference_keys[name] = set(session.scalars(select(target)))
            if value not in known:
                return column
        return ""

    def _apply_held(self, sender: str, device: str) -> list[ImportResult]:
        """Apply the held packages of this device that have become next in line, in order."""
        results: list[ImportResult] = []
        while True:
            with self._db.read() as session:
                expected = _next_sequence(session, sender, device)
                held = session.scalar(
                    select(CentrePackage).where(
                        CentrePackage.sender == sender,
                        CentrePackage.device_id == device,
                        CentrePackage.sequence == expected,
                        CentrePackage.status == PackageStatus.HELD.value,
                    )
                )
                content = held.content if held is not None else None
                held_id = held.package_id if held is not None else ""
            if content is None:
                return results
            with tempfile.TemporaryDirectory(prefix="kcfield-held-") as tmp:
                path = Path(tmp) / f"{held_id}.kcpkg"
                path.write_bytes(content)
                try:
                    package = self._verify(path)  # the key may have been revoked while it waited
                except DomainError as error:
                    with self._db.write() as session:
                        row = session.get(CentrePackage, held_id)
                        if row is not None:
                            session.delete(row)  # refused after all: it leaves no trace, like any refusal
                    results.append(
                        ImportResult(path.name, held_id, "rejected", reason=error.code, params=dict(error.params))
                    )
                    return results
                with package, self._db.write() as session:
                    row = session.get(CentrePackage, held_id)
                    if row is not None:
                        session.delete(row)
                        session.flush()
                    previous = _previous_sha256(session, sender, device, expected)
                    if package.manifest.previous_sha256 != previous:
                        results.append(ImportResult(path.name, held_id, "rejected", reason="package.chain_broken"))
                        return results
                    results.append(self._apply(session, package, path.name))

    @staticmethod
    def _ordered(entity: str, ids: list[UUID], lines: list[dict[str, Any]]) -> list[tuple[UUID, dict[str, Any]]]:
        """Lines in an order the shared tables accept: a visit before the amendment that points at it."""
        pairs = list(zip(ids, lines, strict=True))
        if entity == "visit":
            pairs.sort(key=lambda pair: "visit:amends_visit_id" in _references("visit", pair[1]))
        return pairs

    @staticmethod
    def _missing_owner(session: Session, entity: str, line: dict[str, Any], present: dict[str, set[UUID]]) -> str:
        for ref, value in _references(entity, line).items():
            owner_entity = ref.split(":", 1)[0]
            if value in present.get(owner_entity, set()):
                continue
            if owner_entity == "visit" and existing_ids(session, "visit", [value]):
                present.setdefault("visit", set()).add(value)  # written earlier in this same package
                continue
            return "sync.unknown_owner"
        return ""

    # --- receipts ----------------------------------------------------------------------------------------

    def _write_receipt(
        self,
        session: Session,
        package_id: str,
        sequence: int,
        sender: Party,
        outcomes: list[RecordOutcome],
        *,
        waiting_for: int | None = None,
    ) -> Path:
        body: dict[str, Any] = {
            "package_id": package_id,
            "sequence": sequence,
            "sender": sender.code,
            "device_id": sender.device_id,
            "status": "held" if waiting_for is not None else "applied",
            "records": [o.to_json() for o in outcomes],
        }
        if waiting_for is not None:
            body["waiting_for"] = waiting_for  # the device's package that must arrive first
        identity = self._identity
        centre = Party("centre", identity.code, identity.device_id, identity.fingerprint)
        person = get_collaborator(session, sender.code)
        if person is None:
            raise DomainError("centre.unknown_collaborator", collaborator=sender.code)
        encrypt_for = encryption_key_of(person)
        self._receipts.mkdir(parents=True, exist_ok=True)
        written = write_package(
            self._receipts,
            kind=PackageKind.RECEIPT,
            sender=centre,
            recipient=sender.code,
            sequence=next_counter(session, "receipt_sequence"),
            previous_sha256="",
            members={RECEIPT_MEMBER: json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")},
            key=identity.key,
            app_version=__version__,
            schema_version=head_revision(),
            encrypt_for=encrypt_for,
            created_at=self._clock(),
        )
        return written.path

    def _rewrite_receipt(self, known: CentrePackage) -> Path | None:
        """The stored receipt of a package received before, written out again for the field."""
        if known.receipt is None:
            return None
        self._receipts.mkdir(parents=True, exist_ok=True)
        target = self._receipts / f"receipt-{known.package_id}.kcpkg"
        if not target.exists():
            fd, temp = tempfile.mkstemp(dir=self._receipts, prefix=".receipt-", suffix=".part")
            with os.fdopen(fd, "wb") as handle:
                handle.write(known.receipt)
            Path(temp).replace(target)
        return target

    # --- helpers -----------------------------------------------------------------------------------------

    def _package_row(
        self, package: OpenedPackage, status: PackageStatus, content: bytes | None = None
    ) -> CentrePackage:
        manifest = package.manifest
        return CentrePackage(
            package_id=manifest.package_id,
            sha256=package.sha256,
            sender=manifest.sender.code,
            device_id=manifest.sender.device_id,
            sequence=manifest.sequence,
            previous_sha256=manifest.previous_sha256,
            kind=manifest.kind.value,
            status=status.value,
            received_at=self._clock(),
            content=content,
        )

    def _store_attachments(self, package: OpenedPackage) -> None:
        """Attachment files into the centre's content-addressed folder (ab/abcdef…), each written once."""
        for name in package.names:
            if not name.startswith("attachments/"):
                continue
            sha = name.removeprefix("attachments/")
            target = self._attachments / sha[:2] / sha
            if target.exists():
                continue
            data = package.attachment(sha)
            if hashlib.sha256(data).hexdigest() != sha:
                raise PackageRejected("package.hash_mismatch", file=package.path.name, member=name)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            Path(temp).replace(target)


# --- pure helpers -------------------------------------------------------------------------------------------


def _flat(line: dict[str, Any]) -> dict[str, Any]:
    """The fields a merge compares: the record's fields and whether it is deleted."""
    return {**dict(line.get("fields") or {}), "deleted": bool(line.get("deleted", False))}


def _unflat(centre: dict[str, Any], merged: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in merged.items() if k != "deleted"}
    return {
        **(centre or incoming),
        "fields": fields,
        "deleted": bool(merged.get("deleted", False)),
        "updated_at": max(str(centre.get("updated_at", "")), str(incoming.get("updated_at", ""))),
        "updated_by": incoming.get("updated_by", ""),
    }


def _line_problem(line: dict[str, Any]) -> str:
    """``sync.bad_record`` for a line the merge cannot read: ``fields`` not an object, ``base_revision`` not a
    revision number."""
    fields, base = line.get("fields"), line.get("base_revision")
    if fields is not None and not isinstance(fields, dict):
        return "sync.bad_record"
    if base is not None and (type(base) is not int or not 0 <= base <= MAX_NUMBER):
        return "sync.bad_record"
    return ""  # a lone surrogate (JSON can escape one) is refused by the package reader already


def _stored_line(line: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in line.items() if k != "local_edits"}


def _references(entity: str, line: dict[str, Any]) -> dict[str, UUID]:
    """The records this line points at that must exist first: its establishment, its visit, the visit it amends."""
    fields = line.get("fields")
    found: dict[str, UUID] = {}
    if not isinstance(fields, dict):
        return found
    for owner_entity, key in _REFERENCES.get(entity, ()):
        value = fields.get(key)
        if value:
            try:
                found[owner_entity + ":" + key] = UUID(str(value))
            except ValueError:
                continue
    return found


def _owner_ids(entity: str, lines: list[dict[str, Any]]) -> dict[str, set[UUID]]:
    owners: dict[str, set[UUID]] = {}
    for line in lines:
        for ref, value in _references(entity, line).items():
            owners.setdefault(ref.split(":", 1)[0], set()).add(value)
    return owners


def _next_sequence(session: Session, sender: str, device: str) -> int:
    last = session.scalar(
        select(func.max(CentrePackage.sequence)).where(
            CentrePackage.sender == sender,
            CentrePackage.device_id == device,
            CentrePackage.status == PackageStatus.APPLIED.value,
        )
    )
    return int(last or 0) + 1


def _sequence_taken(session: Session, sender: str, device: str, sequence: int) -> bool:
    return (
        session.scalar(
            select(CentrePackage.package_id).where(
                CentrePackage.sender == sender, CentrePackage.device_id == device, CentrePackage.sequence == sequence
            )
        )
        is not None
    )


def _previous_sha256(session: Session, sender: str, device: str, expected: int) -> str:
    if expected <= 1:
        return ""
    return (
        session.scalar(
            select(CentrePackage.sha256).where(
                CentrePackage.sender == sender,
                CentrePackage.device_id == device,
                CentrePackage.sequence == expected - 1,
                CentrePackage.status == PackageStatus.APPLIED.value,
            )
        )
        or ""
    )
