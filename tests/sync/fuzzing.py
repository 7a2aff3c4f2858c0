"""Mutation fuzzing of packages against the package reader and the centre importer.

Every case starts from a valid package of an enrolled collaborator, built against the centre's current state
(the device's next sequence number and the sha256 of its last package, known records at their current
revisions), and changes it at one of three levels:

- ``a``: the file's bytes — bit flips, truncation, insertion, deletion, a splice of two packages, integer
  fields of the envelope header or of the zip headers. Reaches the outer checks.
- ``b``: the signed ZIP inside, changed byte by byte or rebuilt with odd entries, then sealed properly so the
  zip reader sees it.
- ``c``: what the package says, with a valid signature and seal: manifest fields and record lines (wrong
  types, huge numbers, odd text, missing and unknown fields, deleted flags, base revisions, ids shared across
  entities, attachments, sequence numbers, chains, senders...). Hashes are recomputed and the manifest signed
  with the collaborator's key, so the case gets into the importer's merge and materialisation code.

Each case is imported once, in the importer's normal transaction. A case may be applied, held or a
duplicate: the centre changes and that is fine. A refused case must be refused with a code of the message
catalogue (an ``ImportResult`` with ``status == "rejected"`` or a raised ``DomainError``) and leave the centre
unchanged; anything else raised is a failure, kept with its case number and the package file. The run is
deterministic from its seed: case ``n`` uses ``random.Random(f"{seed}:{n}")`` against the state cases
``0 … n-1`` left.

The step that turns a signed ZIP into a package file is :func:`seal` (the encrypted envelope of
``kcfield.sync.envelope`` when the reader expects one, the ZIP itself before).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import inspect
import io
import json
import os
import random
import stat
import struct
import time
import traceback
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select, text

from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import CentreDatabase
from kcfield.centre.history import current_heads, revision_data
from kcfield.centre.identity import load_identity
from kcfield.centre.importer import CentreImporter, ImportResult
from kcfield.centre.models import CentrePackage, centre_tables
from kcfield.domain import enums
from kcfield.domain.errors import DomainError
from kcfield.domain.messages import catalogue
from kcfield.domain.model import (
    Attachment,
    CPAssessment,
    CPChecklistEntry,
    CPInput,
    CPOption,
    CPOutput,
    EquipmentNeed,
    Establishment,
    Visit,
)
from kcfield.domain.serialization import to_json
from kcfield.store.record_lines import ENTITIES
from kcfield.sync import keys
from kcfield.sync import package as package_module

LEVELS = ("a", "b", "c")
COMMUNE = 26596  # a commune of the bundled reference data, the one the fuzz collaborators cover
REFERENCE_TABLES = frozenset({"provinces", "communes", "vsic_codes", "reference_datasets"})
START = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# --- sealing: the one place that knows how a package file wraps the signed ZIP ------------------------------


def centre_key(seed: int) -> Ed25519PrivateKey:
    """The fuzz centre's signing key, from the seed: a run makes the same package files every time."""
    return Ed25519PrivateKey.from_private_bytes(random.Random(f"{seed}:centre").randbytes(32))


def encrypted_packages() -> bool:
    """True once the reader opens encrypted envelopes (``read_package(..., decrypt_with=...)``)."""
    return "decrypt_with" in inspect.signature(package_module.read_package).parameters


def seal(inner: bytes, recipient_public: bytes | None, rng: random.Random) -> bytes:
    """The package file for a signed ZIP: sealed for ``recipient_public`` (X25519) with an ephemeral key drawn
    from ``rng`` (so a case is the same bytes on every run), or the ZIP itself when there is no envelope."""
    if recipient_public is None:
        return inner
    from kcfield.sync import envelope

    ephemeral = X25519PrivateKey.from_private_bytes(rng.randbytes(32))

    class _Fixed:
        @staticmethod
        def generate() -> X25519PrivateKey:
            return ephemeral

    out = io.BytesIO()
    with mock.patch.object(envelope, "X25519PrivateKey", _Fixed):
        envelope.seal(io.BytesIO(inner), len(inner), out, recipient_public)
    return out.getvalue()


# --- interesting values -------------------------------------------------------------------------------------


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


STRINGS: tuple[str, ...] = (
    "",
    " ",
    "0",
    "-1",
    "true",
    "null",
    "NaN",
    "Cơ sở mộc Đồng Kỵ",
    "e\u0301\u0301\u0301",
    "\u202eevil\u202c",
    "\U0001f600\U0001f4a9",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "\ufeff",
    "<script>alert(1)</script>",
    "'; DROP TABLE establishments; --",
    "x" * 300,
    "Đ" * 5000,
    "\n\r\t",
    "2026-02-30",
    "2026-11-26",
    "2026-11-26T03:00:00",
    "2026-11-26T03:00:00Z",
    "2026-11-26T03:00:00+00:00",
    "2026-11-26T03:00:00.123456+07:00",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
    "0001-01-01",
    "9999-12-31",
    "25:61",
    "23:59:59.999999",
    "00000000-0000-0000-0000-000000000000",
    "0196B1A4-7F00-7000-8000-00000000C0DE",
    "not-a-uuid",
)
NUMBERS: tuple[Any, ...] = (
    0,
    -1,
    1,
    2,
    7,
    255,
    2**31 - 1,
    2**31,
    2**53 + 1,
    2**63 - 1,
    2**63,
    2**64,
    -(2**63) - 1,
    10**30,
    -(10**30),
    1.5,
    -0.0,
    0.1,
    1e308,
    -1e308,
    5e-324,
    1e20,
)
OTHERS: tuple[Any, ...] = (None, True, False, [], [1, 2], ["a"], {}, {"a": 1}, {"id": 1}, _nested(400))


def interesting(rng: random.Random) -> Any:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(STRINGS)
    if pick < 0.75:
        return rng.choice(NUMBERS)
    if pick < 0.85:
        return str(_uuid(rng))
    return rng.choice(OTHERS)


def _uuid(rng: random.Random) -> UUID:
    return UUID(int=rng.getrandbits(128), version=4)


# --- the centre under test ----------------------------------------------------------------------------------


@dataclass
class Sender:
    code: str
    name: str
    key: Ed25519PrivateKey
    device_id: str

    @property
    def public(self) -> bytes:
        return keys.public_bytes(self.key)

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public)


class Clock:
    """The importer's clock: one second later at every reading, from a fixed start (a run is reproducible)."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass
class Failure:
    case: int
    level: str
    kind: str  # "exception" | "code" | "changed" | "invariant"
    summary: str
    detail: str
    notes: list[str]
    package: Path | None = None

    @property
    def signature(self) -> str:
        return f"{self.kind}: {self.summary}"


@dataclass
class Report:
    seed: int
    cases: int = 0
    seconds: float = 0.0
    outcomes: dict[str, Counter[str]] = field(default_factory=lambda: {level: Counter() for level in LEVELS})
    mutations: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    snapshots: int = 0
    invariant_checks: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    def lines(self) -> list[str]:
        rate = self.cases / self.seconds if self.seconds else 0.0
        out = [f"seed {self.seed}: {self.cases} cases in {self.seconds:.1f} s ({rate:.1f} cases/s)"]
        for level in LEVELS:
            counts = self.outcomes[level]
            if not counts:
                continue
            total = sum(counts.values())
            out.append(f"  level {level}: {total} cases")
            for outcome, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
                out.append(f"    {count:6d}  {outcome}")
        out.append(f"  full snapshots compared: {self.snapshots}; invariant checks: {self.invariant_checks}")
        if self.failures:
            unique: dict[str, list[Failure]] = {}
            for failure in self.failures:
                unique.setdefault(failure.signature, []).append(failure)
            out.append(f"  FAILURES: {len(self.failures)} ({len(unique)} distinct)")
            for signature, found in unique.items():
                first = found[0]
                cases = ", ".join(str(f.case) for f in found[:8]) + (" …" if len(found) > 8 else "")
                out.append(f"    [{len(found)}x] {signature}")
                out.append(f"        cases {cases}; replay: --seed {self.seed} --replay {first.case}")
                if first.package is not None:
                    out.append(f"        package: {first.package}")
        else:
            out.append("  no unexpected exception, every refusal had a catalogue code and changed nothing")
        return out


@dataclass
class Draft:
    """A package before it is signed: the manifest's fields, the record lines, the other members."""

    manifest: dict[str, Any]
    records: dict[str, list[Any]]  # entity → lines (dicts, or bytes for a raw line)
    members: dict[str, bytes]  # attachments, audit.jsonl, reference/…, receipt.json
    signer: Ed25519PrivateKey
    after: list[Callable[[dict[str, Any]], None]] = field(default_factory=list)  # edits after hashing
    keep_empty: set[str] = field(default_factory=set)  # entities written even with no line

    def all_lines(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for entity, lines in self.records.items():
            for line in lines:
                if isinstance(line, dict):
                    yield entity, line


class Fuzzer:
    """One centre database, two enrolled collaborators, and the cases run against them."""

    def __init__(
        self,
        db: CentreDatabase,
        key_path: Path,
        work: Path,
        *,
        seed: int = 0,
        levels: tuple[str, ...] = LEVELS,
        failures_dir: Path | None = None,
        snapshot_every: int = 500,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.db = db
        self.seed = seed
        self.levels = levels
        self.work = work
        self.failures_dir = failures_dir or work / "failures"
        self.snapshot_every = snapshot_every
        self.log = log or (lambda _line: None)
        work.mkdir(parents=True, exist_ok=True)
        self.receipts = work / "receipts"
        self.attachments = work / "attachments"
        self.identity = load_identity(db, key_path)
        self.encrypted = encrypted_packages()
        self.recipient = keys.encryption_public_bytes(self.identity.key) if self.encrypted else None
        self.importer = CentreImporter(db, self.identity, self.receipts, self.attachments, clock=Clock())
        rng = random.Random(f"{seed}:senders")
        self.senders = [
            Sender("FZ001", "Nguyễn Thị Lan", Ed25519PrivateKey.from_private_bytes(rng.randbytes(32)), "fz-dev-1"),
            Sender("FZ002", "Trần Văn Bình", Ed25519PrivateKey.from_private_bytes(rng.randbytes(32)), "fz-dev-2"),
        ]
        register = CentreCollaborators(db)
        for sender in self.senders:
            extra: dict[str, Any] = {}
            if "encryption_key" in inspect.signature(register.register).parameters:
                extra["encryption_key"] = keys.encryption_public_bytes(sender.key)
            register.register(sender.code, sender.name, sender.public, sender.device_id, [COMMUNE], rekey=True, **extra)
        self.stranger = Ed25519PrivateKey.from_private_bytes(rng.randbytes(32))  # never enrolled
        self.known: dict[str, list[UUID]] = {entity: [] for entity in ENTITIES}
        self.used_ids: list[str] = []  # package ids the centre has seen
        self.tables = sorted(name for name in centre_tables() if name not in REFERENCE_TABLES)
        self.report = Report(seed)
        self.case_path = work / "case.kcpkg"
        self.case_inner = b""  # the signed ZIP inside the case's envelope (before any level-a change)
        self.key_path = key_path
        self.want_snapshot = False

    # --- running ---------------------------------------------------------------------------------------------

    def seed_centre(self) -> None:
        """A first valid package from each collaborator, so later cases find records to update and merge."""
        for number, sender in enumerate(self.senders):
            rng = random.Random(f"{self.seed}:seed:{number}")
            draft = self.base_draft(rng, sender, minimum=6)
            data = seal(self.finish(draft), self.recipient, rng)
            self.case_path.write_bytes(data)
            results = self.importer.import_file(self.case_path)
            if results[0].status != "applied":
                raise RuntimeError(f"the seed package was not applied: {results[0]}")
            self._learn(results)

    def run(self, cases: int, *, start: int = 0, verbose_from: int | None = None, progress_every: int = 1000) -> Report:
        began = time.perf_counter()
        for n in range(start, start + cases):
            self.run_case(n, verbose=verbose_from is not None and n >= verbose_from)
            self.report.cases += 1
            if self.snapshot_every and n % self.snapshot_every == self.snapshot_every - 1:
                self.check_invariants(n)
            if progress_every and (n + 1) % progress_every == 0:
                rate = self.report.cases / (time.perf_counter() - began)
                self.log(f"… {n + 1} cases, {rate:.1f} cases/s, {len(self.report.failures)} failures")
        self.check_invariants(start + cases)
        self.report.seconds += time.perf_counter() - began
        return self.report

    def level_of(self, n: int) -> str:
        return self.levels[n % len(self.levels)]

    def run_case(self, n: int, *, verbose: bool = False) -> None:
        level = self.level_of(n)
        rng = random.Random(f"{self.seed}:{n}")
        notes: list[str] = []
        sender = self.senders[0] if rng.random() < 0.7 else self.senders[1]
        draft = self.base_draft(rng, sender)
        if level == "a":
            data = self.level_a(rng, draft, notes)
        elif level == "b":
            data = self.level_b(rng, draft, notes)
        else:
            data = self.level_c(rng, draft, notes)
        for note in notes:
            self.report.mutations[f"{level}:{note.split(' ', 1)[0]}"] += 1
        self.case_path.write_bytes(data)
        if self.snapshot_every > 0 and n % self.snapshot_every == 0:
            self.want_snapshot = True  # compare everything around the next refused case
        before = self.quick_state()
        snapshot = self.snapshot() if self.want_snapshot else None
        outcome = self.import_case(n, level, notes)
        if verbose:
            self.log(f"case {n} level {level}: {outcome}")
            for note in notes:
                self.log(f"  - {note}")
        self.report.outcomes[level][outcome] += 1
        refused = outcome.startswith(("rejected", "raised"))
        if refused:
            after = self.quick_state()
            if after != before:
                changed = [f"{k}: {before[k]} → {after[k]}" for k in before if before[k] != after.get(k)]
                self.fail(n, level, "changed", "a refused package changed the centre", "\n".join(changed), notes)
            elif snapshot is not None:
                self.want_snapshot = False
                self.report.snapshots += 1
                if self.snapshot() != snapshot:
                    self.fail(n, level, "changed", "a refused package changed the centre's rows", "", notes)

    def import_case(self, n: int, level: str, notes: list[str]) -> str:
        try:
            results = self.importer.import_file(self.case_path)
        except DomainError as error:
            if error.code not in catalogue():
                self.fail(n, level, "code", f"raised {error.code!r}: not in the message catalogue", "", notes)
            return f"raised {error.code}"
        except Exception as exc:  # anything else is what the fuzzer looks for
            where = _innermost(exc)
            summary = f"{type(exc).__name__} at {where}: {_short(str(exc))}"
            self.fail(n, level, "exception", summary, traceback.format_exc(), notes)
            return f"UNEXPECTED {type(exc).__name__}"
        for result in results:
            if result.status == "rejected" and result.reason not in catalogue():
                self.fail(n, level, "code", f"rejected with {result.reason!r}: not in the catalogue", "", notes)
            for outcome in result.outcomes:
                if outcome.outcome == "rejected" and outcome.reason not in catalogue():
                    self.fail(n, level, "code", f"record rejected with {outcome.reason!r}", "", notes)
        self._learn(results)
        first = results[0]
        if first.status == "rejected":
            return f"rejected {first.reason}"
        if first.status == "applied":
            counts = first.counts()
            extra = "+held" if len(results) > 1 else ""
            return "applied" + extra + (" (some records rejected)" if counts.get("rejected") else "")
        return first.status

    def _learn(self, results: list[ImportResult]) -> None:
        for result in results:
            if result.package_id and result.status in {"applied", "held"}:
                self.used_ids.append(result.package_id)
            for outcome in result.outcomes:
                if outcome.outcome in {"applied", "merged", "conflict"}:
                    record_id = UUID(outcome.id)
                    known = self.known.setdefault(outcome.entity, [])
                    if record_id not in known:
                        known.append(record_id)

    def fail(self, n: int, level: str, kind: str, summary: str, detail: str, notes: list[str]) -> None:
        saved: Path | None = None
        if self.case_path.exists():
            self.failures_dir.mkdir(parents=True, exist_ok=True)
            saved = self.failures_dir / f"fuzz-{self.seed}-{n:06d}-{level}.kcpkg"
            saved.write_bytes(self.case_path.read_bytes())
            saved.with_suffix(".zip").write_bytes(self.case_inner)
            key_copy = self.failures_dir / f"centre-key-{self.seed}.pem"  # opens the envelope of the saved file
            if not key_copy.exists() and self.key_path.exists():
                key_copy.write_bytes(self.key_path.read_bytes())
            body = [f"seed {self.seed} case {n} level {level}", summary, "", "mutations:", *notes, ""]
            body += [f"package sealed for the centre key {key_copy.name}; the signed ZIP inside: {saved.stem}.zip"]
            body += ["", detail]
            saved.with_suffix(".txt").write_text("\n".join(body), encoding="utf-8")
        failure = Failure(n, level, kind, summary, detail, list(notes), saved)
        self.report.failures.append(failure)
        self.log(f"FAILURE case {n} (level {level}): {summary}")

    # --- what "unchanged" means ------------------------------------------------------------------------------

    def quick_state(self) -> dict[str, Any]:
        """Row counts of every centre table but the reference data, the highest revision and conflict id, the
        receipt counter, and the files in the receipts and attachments folders: cheap enough for every case."""
        parts = [f'(SELECT COUNT(*) FROM "{name}") AS "{name}"' for name in self.tables]
        parts += [
            '(SELECT COALESCE(SUM(revision), 0) FROM "centre_record_heads") AS head_revisions',
            '(SELECT COALESCE(MAX(id), 0) FROM "centre_conflicts") AS max_conflict',
            "(SELECT value FROM \"centre_state\" WHERE key = 'receipt_sequence') AS receipt_sequence",
        ]
        with self.db.read() as session:
            row = session.execute(text("SELECT " + ", ".join(parts))).mappings().one()
        state = dict(row)
        state["receipt files"] = _count_files(self.receipts)
        state["attachment files"] = _count_files(self.attachments)
        return state

    def snapshot(self) -> dict[str, list[tuple[str, ...]]]:
        """Every row of every centre table but the reference data, as text."""
        tables = centre_tables()
        content: dict[str, list[tuple[str, ...]]] = {}
        with self.db.read() as session:
            for name in self.tables:
                content[name] = sorted(tuple(map(repr, row)) for row in session.execute(select(tables[name])))
        return content

    def check_invariants(self, n: int) -> None:
        """What every import must leave true, whatever it was given: each record head has its row in the
        shared tables at the same revision, its revisions are numbered 1…head, and each device's applied
        packages are numbered 1…last."""
        self.report.invariant_checks += 1
        problems: list[str] = []
        tables = {"establishment": "establishments", "visit": "visits", "equipment_need": "equipment_needs"}
        tables |= {"cp_assessment": "cp_assessments", "attachment": "attachments"}
        with self.db.read() as session:
            for entity, table in tables.items():
                missing = session.execute(
                    text(
                        f'SELECT COUNT(*) FROM "centre_record_heads" h LEFT JOIN "{table}" t ON t.id = h.record_id '
                        "WHERE h.entity = :entity AND (t.id IS NULL OR t.base_revision <> h.revision "
                        "OR t.deleted <> h.deleted)"
                    ),
                    {"entity": entity},
                ).scalar_one()
                rows = session.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar_one()
                heads = session.execute(
                    text('SELECT COUNT(*) FROM "centre_record_heads" WHERE entity = :entity'), {"entity": entity}
                ).scalar_one()
                if missing or rows != heads:
                    problems.append(f"{entity}: {missing} heads without a matching row; {rows} rows, {heads} heads")
            gaps = session.execute(
                text(
                    "SELECT h.entity, h.record_id, h.revision, COUNT(r.revision), MAX(r.revision) "
                    'FROM "centre_record_heads" h JOIN "centre_revisions" r '
                    "ON r.entity = h.entity AND r.record_id = h.record_id "
                    "GROUP BY h.entity, h.record_id, h.revision HAVING COUNT(r.revision) <> h.revision "
                    "OR MAX(r.revision) <> h.revision"
                )
            ).all()
            if gaps:
                problems.append(f"{len(gaps)} records whose revisions are not 1…head, e.g. {gaps[0]}")
            chains = session.execute(
                select(CentrePackage.sender, CentrePackage.device_id, func.count(), func.max(CentrePackage.sequence))
                .where(CentrePackage.status == "applied")
                .group_by(CentrePackage.sender, CentrePackage.device_id)
            ).all()
            for sender, device, count, last in chains:
                if count != last:
                    problems.append(f"{sender}/{device}: {count} applied packages, the last numbered {last}")
        if problems:
            self.fail(n, "-", "invariant", "the centre's tables disagree after case " + str(n), "\n".join(problems), [])

    # --- the valid package a case starts from ----------------------------------------------------------------

    def chain(self, sender: Sender, device_id: str | None = None) -> tuple[int, str]:
        """The next sequence number of the device and the sha256 of its last applied package."""
        device = device_id or sender.device_id
        with self.db.read() as session:
            row = session.execute(
                select(CentrePackage.sequence, CentrePackage.sha256)
                .where(
                    CentrePackage.sender == sender.code,
                    CentrePackage.device_id == device,
                    CentrePackage.status == "applied",
                )
                .order_by(CentrePackage.sequence.desc())
                .limit(1)
            ).first()
        return (int(row[0]) + 1, str(row[1])) if row is not None else (1, "")

    def base_draft(self, rng: random.Random, sender: Sender, *, minimum: int = 1) -> Draft:
        sequence, previous = self.chain(sender)
        manifest: dict[str, Any] = {
            "format": package_module.FORMAT,
            "format_version": package_module.FORMAT_VERSION,
            "kind": "field-changes",
            "package_id": str(_uuid(rng)),
            "created_at": (START + timedelta(seconds=rng.randrange(10**6))).isoformat(),
            "app_version": "0.1.0",
            "schema_version": "fuzz",
            "sender": {
                "role": "collaborator",
                "code": sender.code,
                "device_id": sender.device_id,
                "key_fingerprint": sender.fingerprint,
            },
            "recipient": self.identity.code,
            "sequence": sequence,
            "previous_sha256": previous,
        }
        records: dict[str, list[Any]] = {entity: [] for entity in ENTITIES}
        members: dict[str, bytes] = {}
        new_est = [_uuid(rng) for _ in range(rng.randint(0, 2) + minimum - 1)]
        for record_id in new_est:
            records["establishment"].append(_line(record_id, 0, _establishment(rng), sender.code))
        self._updates(rng, records, sender)
        establishments = new_est + self.known["establishment"]
        visits: list[UUID] = []
        if establishments:
            for _ in range(rng.choice((0, 0, 1, 2, minimum))):
                visit_id = _uuid(rng)
                visits.append(visit_id)
                records["visit"].append(_line(visit_id, 0, _visit(rng, rng.choice(establishments)), sender.code))
            for _ in range(rng.choice((0, 0, 1, minimum // 3))):
                fields = _need(rng, rng.choice(establishments), rng.choice([None, *visits]))
                records["equipment_need"].append(_line(_uuid(rng), 0, fields, sender.code))
            for _ in range(rng.choice((0, 0, 1, minimum // 3))):
                fields = _assessment(rng, rng.choice(establishments), rng.choice([None, *visits]))
                records["cp_assessment"].append(_line(_uuid(rng), 0, fields, sender.code))
            for _ in range(rng.choice((0, 0, 0, 1, minimum // 3))):
                photo = b"\xff\xd8\xff\xe0" + rng.randbytes(rng.randint(10, 300)) + b"\xff\xd9"
                sha = hashlib.sha256(photo).hexdigest()
                members[f"attachments/{sha}"] = photo
                fields = _attachment(rng, rng.choice(establishments), sha, len(photo))
                records["attachment"].append(_line(_uuid(rng), 0, fields, sender.code))
        if not any(records.values()):
            records["establishment"].append(_line(_uuid(rng), 0, _establishment(rng), sender.code))
        if rng.random() < 0.3:
            events = [{"seq": i, "entity": "establishment", "by": sender.code} for i in range(rng.randint(1, 3))]
            members["audit.jsonl"] = b"".join(_dump_line(event) for event in events)
        return Draft(manifest, records, members, sender.key)

    def _updates(self, rng: random.Random, records: dict[str, list[Any]], sender: Sender) -> None:
        """Known records, as the centre has them now (or at an older revision), with a field or two changed."""
        for entity in ("establishment", "visit", "equipment_need", "cp_assessment", "attachment"):
            known = self.known.get(entity) or []
            if not known or rng.random() < 0.5:
                continue
            chosen = list(dict.fromkeys(rng.choice(known) for _ in range(rng.randint(1, 3))))
            with self.db.read() as session:
                heads = current_heads(session, entity, chosen)
                for record_id in chosen:
                    head = heads.get(record_id)
                    if head is None:
                        continue
                    base = head.revision if rng.random() < 0.7 else rng.randint(1, head.revision)
                    line = revision_data(session, entity, record_id, base)
                    if not isinstance(line, dict):
                        continue
                    line = json.loads(json.dumps(line))
                    line["base_revision"] = base
                    line["local_edits"] = int(line.get("local_edits") or 0) + 1
                    line["updated_by"] = sender.code
                    fields = line.get("fields")
                    if isinstance(fields, dict) and entity == "establishment":
                        if rng.random() < 0.5:
                            fields["workers_total"] = rng.randint(1, 500)
                        if rng.random() < 0.5:
                            fields["village"] = rng.choice(("Ấp 1", "Ấp 2", "Thôn Đông", ""))
                        if rng.random() < 0.2:
                            line["deleted"] = not bool(line.get("deleted"))
                    elif isinstance(fields, dict) and "notes" in fields:
                        fields["notes"] = rng.choice(("ghi chú", "note", ""))
                    records[entity].append(line)

    # --- turning a draft into a signed ZIP -------------------------------------------------------------------

    def finish(self, draft: Draft) -> bytes:
        members = dict(draft.members)
        for entity, lines in draft.records.items():
            if lines or entity in draft.keep_empty:
                members[f"records/{entity}.jsonl"] = b"".join(
                    line if isinstance(line, bytes) else _dump_line(line) for line in lines
                )
        manifest = json.loads(json.dumps(draft.manifest))
        manifest["members"] = [_listing(name, members[name]) for name in sorted(members)]
        for edit in draft.after:
            edit(manifest)
        manifest_bytes = (json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode(
            "utf-8", "surrogatepass"
        )
        entries = [("manifest.json", manifest_bytes), ("manifest.sig", keys.sign(draft.signer, manifest_bytes))]
        entries += [(name, members[name]) for name in sorted(members)]
        return _zip(entries)

    # --- level a: the file's bytes ---------------------------------------------------------------------------

    def level_a(self, rng: random.Random, draft: Draft, notes: list[str]) -> bytes:
        inner = self.case_inner = self.finish(draft)
        data = seal(inner, self.recipient, rng)
        special = rng.random()
        if self.encrypted and special < 0.08:
            notes.append("plain: the signed ZIP without its envelope")
            return inner
        if self.encrypted and special < 0.14:
            notes.append("other-recipient: sealed for a key that is not the centre's")
            return seal(inner, keys.encryption_public_bytes(self.stranger), rng)
        if self.encrypted and special < 0.30:
            data = _envelope_header_game(rng, data, notes)
            if rng.random() < 0.5:
                return data
        other = seal(self.finish(self.base_draft(rng, self.senders[1])), self.recipient, rng)
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            data = _mutate_bytes(rng, data, other, notes, header_bytes=64 if self.encrypted else 0)
        return data

    # --- level b: the ZIP inside, sealed properly ------------------------------------------------------------

    def level_b(self, rng: random.Random, draft: Draft, notes: list[str]) -> bytes:
        inner = self.finish(draft)
        pick = rng.random()
        if pick < 0.35:
            inner = _rebuild_zip(rng, inner, notes, self.senders[0].key)
        if pick >= 0.2:
            other = self.finish(self.base_draft(rng, self.senders[1]))
            for _ in range(rng.choice((1, 1, 2, 3))):
                if rng.random() < 0.5:
                    inner = _zip_field_game(rng, inner, notes)
                else:
                    inner = _mutate_bytes(rng, inner, other, notes, header_bytes=0)
        self.case_inner = inner
        return seal(inner, self.recipient, rng)

    # --- level c: what the package says, validly signed and sealed -------------------------------------------

    def level_c(self, rng: random.Random, draft: Draft, notes: list[str]) -> bytes:
        mutators = SEMANTIC
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            name, mutate = rng.choice(mutators)
            mutate(self, rng, draft, notes)
            if not notes or not notes[-1].startswith(name):
                notes.append(name)
        self.case_inner = self.finish(draft)
        return seal(self.case_inner, self.recipient, rng)

    def any_known_id(self, rng: random.Random, entity: str | None = None) -> UUID:
        pools = [ids for name, ids in self.known.items() if ids and (entity is None or name == entity)]
        return rng.choice(rng.choice(pools)) if pools else _uuid(rng)


# --- level c mutators ---------------------------------------------------------------------------------------

Mutator = Callable[[Fuzzer, random.Random, Draft, list[str]], None]
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "establishment": tuple(f.name for f in dataclasses.fields(Establishment) if f.name not in {"id", "meta"}),
    "visit": tuple(f.name for f in dataclasses.fields(Visit) if f.name not in {"id", "meta"}),
    "equipment_need": tuple(f.name for f in dataclasses.fields(EquipmentNeed) if f.name not in {"id", "meta"}),
    "cp_assessment": tuple(f.name for f in dataclasses.fields(CPAssessment) if f.name not in {"id", "meta"}),
    "attachment": tuple(f.name for f in dataclasses.fields(Attachment) if f.name not in {"id", "meta"}),
}
TOP_KEYS = ("id", "base_revision", "local_edits", "deleted", "created_at", "created_by", "updated_at", "updated_by")


def _pick_line(rng: random.Random, draft: Draft) -> tuple[str, dict[str, Any]] | None:
    lines = list(draft.all_lines())
    return rng.choice(lines) if lines else None


def m_field_value(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    picked = _pick_line(rng, draft)
    if picked is None:
        return
    entity, line = picked
    fields = line.get("fields")
    if not isinstance(fields, dict):
        return
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(FIELD_NAMES[entity])
        value = interesting(rng)
        fields[name] = value
        notes.append(f"field-value {entity}.{name} = {_short(repr(value))}")


def m_field_missing(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    picked = _pick_line(rng, draft)
    if picked is None:
        return
    entity, line = picked
    fields = line.get("fields")
    if isinstance(fields, dict) and fields:
        gone = rng.sample(sorted(fields), rng.randint(1, min(len(fields), 4)))
        for name in gone:
            del fields[name]
        notes.append(f"field-missing {entity}: {', '.join(gone)}")


def m_field_unknown(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    picked = _pick_line(rng, draft)
    if picked is None:
        return
    entity, line = picked
    fields = line.get("fields")
    if isinstance(fields, dict):
        name = rng.choice(("meta", "id", "unknown_field", "", "deleted", "__class__", "x" * 300, "trường_lạ"))
        fields[name] = interesting(rng)
        notes.append(f"field-unknown {entity}.{_short(name)}")
    if rng.random() < 0.5:
        line[rng.choice(("extra", "revision", "fields2", "Fields"))] = interesting(rng)
        notes.append("field-unknown top-level key")


def m_top_level(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    picked = _pick_line(rng, draft)
    if picked is None:
        return
    entity, line = picked
    key = rng.choice((*TOP_KEYS[1:], "fields"))
    if rng.random() < 0.3:
        line.pop(key, None)
        notes.append(f"top-level {entity}: {key} removed")
    else:
        value = interesting(rng)
        if key == "fields" and rng.random() < 0.5:
            value = rng.choice(([["name", "x"]], "abc", 7, [], None, [1, 2, 3]))
        line[key] = value
        notes.append(f"top-level {entity}.{key} = {_short(repr(value))}")


def m_base_revision(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    picked = _pick_line(rng, draft)
    if picked is None:
        return
    entity, line = picked
    current = line.get("base_revision")
    current = current if isinstance(current, int) else 0
    value = rng.choice(
        (0, 1, current - 1, current + 1, current + 50, -1, 2**31, 2**63, 10**30, "1", "abc", 1.5, True, None, [1])
    )
    line["base_revision"] = value
    if rng.random() < 0.5 and fz.known.get(entity):
        line["id"] = str(rng.choice(fz.known[entity]))  # a record the centre has, from some other base
        notes.append(f"base-revision {entity} known id, base {_short(repr(value))}")
    else:
        notes.append(f"base-revision {entity} {_short(repr(value))}")


def m_deleted(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    picked = _pick_line(rng, draft)
    if picked is None:
        return
    entity, line = picked
    value = rng.choice((True, False, "yes", "false", 1, 0, None, [], {"x": 1}))
    line["deleted"] = value
    notes.append(f"deleted {entity} = {value!r}")


def m_ids(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    """Ids shared across entities, repeated, pointing at themselves, or not UUIDs."""
    picked = _pick_line(rng, draft)
    if picked is None:
        return
    entity, line = picked
    game = rng.randrange(6)
    if game == 0:  # the id of a record of another entity (known at the centre or in this package)
        others = [str(other["id"]) for e, other in draft.all_lines() if e != entity and "id" in other]
        others += [str(i) for e, ids in fz.known.items() if e != entity for i in ids[:20]]
        if others:
            line["id"] = rng.choice(others)
        notes.append(f"ids {entity}: id of another entity")
    elif game == 1:  # the same id twice in the member
        draft.records[entity].append(json.loads(json.dumps(line)))
        notes.append(f"ids {entity}: duplicated line")
    elif game == 2:
        line["id"] = rng.choice(("not-a-uuid", str(_uuid(rng)).upper(), 7, None, "", "{" + str(_uuid(rng)) + "}"))
        notes.append(f"ids {entity}: id not canonical")
    elif game == 3:
        line.pop("id", None)
        notes.append(f"ids {entity}: no id")
    elif game == 4:  # a reference to itself or to another entity's id
        fields = line.get("fields")
        if isinstance(fields, dict):
            key = rng.choice(("establishment_id", "visit_id", "amends_visit_id", "owner_id"))
            fields[key] = rng.choice((line.get("id"), str(fz.any_known_id(rng)), str(_uuid(rng)), 7, "x", ""))
            notes.append(f"ids {entity}: {key} = {_short(repr(fields[key]))}")
    else:  # the same new record sent as two entities
        target = rng.choice([e for e in ENTITIES if e != entity])
        twin = json.loads(json.dumps(line))
        draft.records[target].append(twin)
        notes.append(f"ids {entity}: the line also sent as {target}")


def m_references(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    """A visit, need or assessment of an unknown, deleted, wrong-kind or garbage owner; amendment games."""
    for entity in ("visit", "equipment_need", "cp_assessment"):
        if rng.random() < 0.5:
            continue
        owner = rng.choice(
            (str(_uuid(rng)), str(fz.any_known_id(rng, "visit")), str(fz.any_known_id(rng)), 12, "", None, "x")
        )
        fields: dict[str, Any] = {"establishment_id": owner, "purpose": "kiểm tra"}
        if entity == "visit" and rng.random() < 0.5:
            fields["amends_visit_id"] = rng.choice((str(fz.any_known_id(rng, "visit")), str(_uuid(rng)), owner))
        if entity != "visit":
            fields = {"establishment_id": owner, "visit_id": rng.choice((None, owner, str(_uuid(rng))))}
        draft.records[entity].append(_line(_uuid(rng), 0, fields, "FZ001"))
        notes.append(f"references {entity} owner {_short(repr(owner))}")


def m_attachments(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    game = rng.randrange(5)
    if game == 0:  # a record whose file is not in the package
        sha = hashlib.sha256(rng.randbytes(16)).hexdigest()
        fields = _attachment(rng, fz.any_known_id(rng, "establishment"), sha, 16)
        draft.records["attachment"].append(_line(_uuid(rng), 0, fields, "FZ001"))
        notes.append("attachments: record without its file")
    elif game == 1:  # a file without a record
        data = rng.randbytes(rng.randint(0, 64))
        draft.members[f"attachments/{hashlib.sha256(data).hexdigest()}"] = data
        notes.append(f"attachments: file without a record ({len(data)} bytes)")
    elif game == 2:  # a record of a wrong owner kind, size or hash
        fields = _attachment(rng, fz.any_known_id(rng), "ab" * 32, 10)
        fields[rng.choice(("owner_entity", "sha256", "size_bytes", "media_type", "taken_at"))] = interesting(rng)
        draft.records["attachment"].append(_line(_uuid(rng), 0, fields, "FZ001"))
        notes.append("attachments: odd record")
    elif game == 3:  # files dropped from a package whose records name them
        dropped = [name for name in draft.members if name.startswith("attachments/")]
        for name in dropped:
            del draft.members[name]
        notes.append(f"attachments: {len(dropped)} files dropped")
    else:  # the file already at the centre, sent again
        data = b"\xff\xd8 same photo \xff\xd9"
        sha = hashlib.sha256(data).hexdigest()
        draft.members[f"attachments/{sha}"] = data
        draft.records["attachment"].append(
            _line(_uuid(rng), 0, _attachment(rng, fz.any_known_id(rng), sha, len(data)), "FZ001")
        )
        notes.append("attachments: a file the centre may already hold")


def m_assessment(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    """A CP assessment's children: garbage items, repeated child ids, odd categories and answers."""
    fields = _assessment(rng, fz.any_known_id(rng, "establishment"), None)
    part = rng.choice(("inputs", "outputs", "options", "checklist"))
    game = rng.randrange(4)
    items = fields[part]
    if game == 0 and items:
        child = dict(items[0])
        child["id"] = str(_uuid(rng))
        fields[part] = [child, dict(child)]
        notes.append(f"assessment: two {part} with one id")
    elif game == 1 and items:
        child = dict(items[0])
        child[rng.choice(sorted(child))] = interesting(rng)
        fields[part] = [child]
        notes.append(f"assessment: odd {part} value")
    elif game == 2:
        fields[part] = rng.choice(([1, 2], ["x"], [None], [{}], "abc", {"a": 1}, 5, [[1]]))
        notes.append(f"assessment: {part} = {_short(repr(fields[part]))}")
    else:
        fields[part] = [dict(items[0])] * rng.randint(2, 5) if items else []
        notes.append(f"assessment: {part} repeated")
    draft.records["cp_assessment"].append(_line(_uuid(rng), 0, fields, "FZ001"))


def m_raw_lines(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    """Lines the reader should refuse or that test its edges: not objects, bad UTF-8, huge, deeply nested."""
    entity = rng.choice(ENTITIES)
    uid = str(_uuid(rng))
    raw = rng.choice(
        (
            b"[1, 2, 3]\n",
            b"{}\n",
            b'{"id": "' + uid.encode() + b'", "fields": NaN}\n',
            b'{"id": "' + uid.encode() + b'"}\n',
            b'{"id": "' + uid.encode() + b'", "fields": {"name": "\xff\xfe"}}\n',
            b'{"id": "' + uid.encode() + b'", "fields": ' + b"[" * 5000 + b"]" * 5000 + b"}\n",
            b'{"id": "' + uid.encode() + b'", "fields": {"name": "' + b"x" * 200_000 + b'"}}\n',
            b'{"id": "' + uid.encode() + b'", "id": "' + str(_uuid(rng)).encode() + b'"}\n',
            b'{"id": "' + uid.encode() + b'"}\r\n',
            b"\n",
            b'{"id": "' + uid.encode() + b'", "fields": {"name": "\\ud800"}}\n',
        )
    )
    draft.records[entity].append(raw)
    notes.append(f"raw-line {entity}: {_short(repr(raw[:60]))}")


def m_empty_member(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    entity = rng.choice(ENTITIES)
    draft.records[entity] = []
    draft.keep_empty.add(entity)
    notes.append(f"empty-member records/{entity}.jsonl")


def m_members(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    """Members a field package does not normally carry: a receipt, reference data, an odd audit log."""
    name, data = rng.choice(
        (
            ("receipt.json", b'{"package_id": "x", "records": []}'),
            ("reference/centre.json", b'{"public_key": "AAAA"}'),
            ("reference/assignments.json", b"[1, 2, 3]"),
            ("reference/communes.jsonl", b'{"code": 1}\n{"code": 2}\n'),
            ("audit.jsonl", b'{"seq": "x"}\n[1]\n'),
            ("audit.jsonl", b""),
            ("audit.jsonl", b'{"a": 1}\n'),
        )
    )
    draft.members[name] = data
    notes.append(f"members {name}")


def m_manifest(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    """Manifest fields: kind, sequence, chain, sender, device, recipient, dates, versions, package id."""
    manifest = draft.manifest
    game = rng.randrange(13)
    sender = manifest["sender"]
    if game == 0:
        manifest["kind"] = rng.choice(("receipt", "centre-reference", "field_changes", "", 1, None))
        notes.append(f"manifest kind {manifest['kind']!r}")
    elif game == 1:
        sequence = manifest["sequence"]
        if type(sequence) is not int:  # an earlier mutation of this case made it text or a boolean
            sequence = 1
        manifest["sequence"] = rng.choice(
            (0, sequence - 1, sequence + 1, sequence + 2, sequence + 7, 2**31 - 1, 2**31, 2**63, 10**30, -1, "1", True)
        )
        notes.append(f"manifest sequence {sequence} → {manifest['sequence']!r}")
    elif game == 2:
        manifest["previous_sha256"] = rng.choice(
            ("", "ab" * 32, hashlib.sha256(rng.randbytes(8)).hexdigest(), "AB" * 32, "x", None)
        )
        notes.append(f"manifest previous_sha256 {_short(repr(manifest['previous_sha256']))}")
    elif game == 3:  # another collaborator's code, or the other key
        other = fz.senders[1] if sender["code"] == fz.senders[0].code else fz.senders[0]
        if rng.random() < 0.5:
            sender["code"] = rng.choice((other.code, "FZ999", "fz001", "centre", "TTKC"))
            notes.append(f"manifest sender code {sender['code']}")
        else:
            draft.signer = other.key
            sender["key_fingerprint"] = other.fingerprint
            notes.append("manifest signed with the other collaborator's key")
    elif game == 4:
        sender["role"] = rng.choice(("centre", "admin", "", None))
        notes.append(f"manifest sender role {sender['role']!r}")
    elif game == 5:  # a device of its own: a new chain, or odd text
        sender["device_id"] = rng.choice(
            ("fz-dev-other", "", "x" * 41, "x" * 300, "thiết-bị", "a\u0000b", "\ud800", 7, None)
        )
        if isinstance(sender["device_id"], str) and rng.random() < 0.7:
            manifest["sequence"], manifest["previous_sha256"] = 1, ""
        notes.append(f"manifest device_id {_short(repr(sender['device_id']))}")
    elif game == 6:
        manifest["recipient"] = rng.choice(("", "FZ002", "x" * 500, "\u0000", 5, None))
        notes.append(f"manifest recipient {_short(repr(manifest['recipient']))}")
    elif game == 7:
        manifest["created_at"] = rng.choice(
            ("2026-11-26T03:00:00", "2026-11-26", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "", 0)
        )
        notes.append(f"manifest created_at {manifest['created_at']!r}")
    elif game == 8:
        key = rng.choice(("app_version", "schema_version", "format_version", "format"))
        manifest[key] = rng.choice(("", "9" * 500, "\u0000", 2, True, 1.0, None, "kcfield-package"))
        notes.append(f"manifest {key} {_short(repr(manifest[key]))}")
    elif game == 9:  # a package id the centre has seen, or not canonical
        if fz.used_ids and rng.random() < 0.7:
            manifest["package_id"] = rng.choice(fz.used_ids)
            notes.append("manifest package_id reused")
        else:
            manifest["package_id"] = rng.choice((str(_uuid(rng)).upper(), "x", "", 7))
            notes.append(f"manifest package_id {manifest['package_id']!r}")
    elif game == 10:
        manifest[rng.choice(("unknown", "members2", "Sender"))] = interesting(rng)
        notes.append("manifest unknown key")
    elif game == 11:  # member listing edited after hashing
        key, changed = rng.choice(("sha256", "size", "records", "name")), interesting(rng)

        def edit(document: dict[str, Any], key: str = key, value: Any = changed) -> None:
            if document["members"]:
                document["members"][0][key] = value

        draft.after.append(edit)
        notes.append(f"manifest members[0].{key} changed after hashing")
    else:
        draft.signer = fz.stranger
        sender["key_fingerprint"] = keys.fingerprint(keys.public_bytes(fz.stranger))
        notes.append("manifest signed by a key the centre never enrolled")


def m_withheld(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    """Personal fields the line says it withholds (the centre keeps its own value of them), odd lists too."""
    picked = _pick_line(rng, draft)
    if picked is None:
        return
    entity, line = picked
    value = rng.choice(
        (
            ["rep_phone"],
            ["rep_phone", "rep_email", "rep_personal_id"],
            ["respondent_phone", "profile_snapshot.rep_phone"],
            ["profile_snapshot.rep_personal_id", "profile_snapshot.x"],
            ["name", "id", "deleted"],
            "rep_phone",
            [1, None, []],
            {"rep_phone": 1},
            [],
        )
    )
    line["withheld"] = value
    fields = line.get("fields")
    if entity == "visit" and isinstance(fields, dict) and rng.random() < 0.5:
        fields["profile_snapshot"] = rng.choice(({"rep_phone": "0912345678", "name": "x"}, {}, [1], "x", 5))
    notes.append(f"withheld {entity} {_short(repr(value))}")


def m_volume(fz: Fuzzer, rng: random.Random, draft: Draft, notes: list[str]) -> None:
    """Many lines of one entity, some of them updates of the same known record."""
    count = rng.randint(20, 120)
    known = fz.known.get("establishment") or []
    for _ in range(count):
        record_id = rng.choice(known) if known and rng.random() < 0.3 else _uuid(rng)
        draft.records["establishment"].append(_line(record_id, rng.randint(0, 3), _establishment(rng), "FZ001"))
    notes.append(f"volume {count} establishment lines")


SEMANTIC: list[tuple[str, Mutator]] = [
    ("field-value", m_field_value),
    ("field-value", m_field_value),
    ("field-value", m_field_value),
    ("field-missing", m_field_missing),
    ("field-unknown", m_field_unknown),
    ("top-level", m_top_level),
    ("top-level", m_top_level),
    ("base-revision", m_base_revision),
    ("base-revision", m_base_revision),
    ("deleted", m_deleted),
    ("ids", m_ids),
    ("ids", m_ids),
    ("references", m_references),
    ("attachments", m_attachments),
    ("assessment", m_assessment),
    ("raw-line", m_raw_lines),
    ("empty-member", m_empty_member),
    ("members", m_members),
    ("manifest", m_manifest),
    ("manifest", m_manifest),
    ("manifest", m_manifest),
    ("volume", m_volume),
    ("withheld", m_withheld),
    ("withheld", m_withheld),
]

# --- valid records ------------------------------------------------------------------------------------------

NAMES = ("Cơ sở mộc Đồng Kỵ", "HTX gốm Bát Tràng", "Hộ làm bún Phú Đô", "Xưởng dệt Vạn Phúc", "Lò rèn Đa Sỹ")


def _line(record_id: UUID, base: int, fields: dict[str, Any], by: str) -> dict[str, Any]:
    return {
        "id": str(record_id),
        "base_revision": base,
        "local_edits": 1,
        "deleted": False,
        "created_at": START.isoformat(),
        "created_by": by,
        "updated_at": START.isoformat(),
        "updated_by": by,
        "fields": fields,
    }


def _fields(record: Any) -> dict[str, Any]:
    data = to_json(record)
    data.pop("id", None)
    data.pop("meta", None)
    return data


def _establishment(rng: random.Random) -> dict[str, Any]:
    return _fields(
        Establishment(
            name=rng.choice(NAMES),
            kind=rng.choice(list(enums.EstablishmentKind)),
            province_code=rng.choice((None, 79, 1)),
            commune_code=COMMUNE,
            village=rng.choice(("", "Ấp 1", "Thôn Đông")),
            workers_total=rng.choice((None, rng.randint(1, 300))),
            revenue_prev_year_vnd=rng.choice((None, rng.randint(0, 10**10))),
            latitude=rng.choice((None, 10.5 + rng.random())),
            longitude=rng.choice((None, 106.5 + rng.random())),
            registration_date=rng.choice((None, date(2010, 1, 1) + timedelta(days=rng.randrange(5000)))),
        )
    )


def _visit(rng: random.Random, establishment_id: UUID) -> dict[str, Any]:
    return _fields(
        Visit(
            establishment_id=establishment_id,
            collaborator_code="FZ001",
            visit_date=date(2026, 11, 1) + timedelta(days=rng.randrange(25)),
            purpose=rng.choice(("Khảo sát nhu cầu", "Đánh giá SXSH", "")),
            consent=rng.random() < 0.8,
        )
    )


def _need(rng: random.Random, establishment_id: UUID, visit_id: UUID | None) -> dict[str, Any]:
    return _fields(
        EquipmentNeed(
            establishment_id=establishment_id,
            visit_id=visit_id,
            equipment_name=rng.choice(("Máy bào", "Lò sấy", "Máy dệt")),
            quantity=float(rng.randint(1, 5)),
            unit_price_vnd=rng.randint(0, 10**9),
            purposes=frozenset(rng.sample(list(enums.NeedPurpose), rng.randint(0, 2))),
        )
    )


def _assessment(rng: random.Random, establishment_id: UUID, visit_id: UUID | None) -> dict[str, Any]:
    return _fields(
        CPAssessment(
            establishment_id=establishment_id,
            visit_id=visit_id,
            product_name="Gạch",
            inputs=(CPInput(rng.choice(list(enums.CPInputCategory)), "Điện", 100.0, "kWh", 2000, "electricity"),),
            outputs=(CPOutput(rng.choice(list(enums.CPOutputCategory)), "Gạch", 1000.0, "viên"),),
            checklist=(CPChecklistEntry("A1", rng.choice(list(enums.ChecklistAnswer))),),
            options=(CPOption(rng.randint(1, 8), "Thay bóng đèn", 1_000_000, 200_000),),
        )
    )


def _attachment(rng: random.Random, owner: UUID, sha: str, size: int) -> dict[str, Any]:
    return _fields(
        Attachment(
            owner_entity="establishment",
            owner_id=owner,
            sha256=sha,
            file_name=rng.choice(("mat-tien.jpg", "ảnh.jpg", "a.png")),
            media_type="image/jpeg",
            size_bytes=size,
            caption=rng.choice(("Mặt tiền", "")),
        )
    )


def _dump_line(line: dict[str, Any]) -> bytes:
    text_ = json.dumps(line, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        return (text_ + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: JSON can carry it escaped
        return (json.dumps(line, sort_keys=True, separators=(",", ":")) + "\n").encode("ascii")


def _listing(name: str, data: bytes) -> dict[str, Any]:
    return {
        "name": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "records": data.count(b"\n") if name.endswith(".jsonl") else 0,
    }


# --- zip plumbing and byte mutations ------------------------------------------------------------------------


def _info(name: str, method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = method
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _zip(entries: list[tuple[str, bytes]] | list[tuple[zipfile.ZipInfo, bytes]], comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": some cases mean it
        with zipfile.ZipFile(out, "w") as archive:
            for name, data in entries:
                info = name if isinstance(name, zipfile.ZipInfo) else _info(name)
                archive.writestr(info, data, compresslevel=6)
            archive.comment = comment
    return out.getvalue()


def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _rebuild_zip(rng: random.Random, data: bytes, notes: list[str], key: Ed25519PrivateKey) -> bytes:
    """The same members rewritten with one odd property: method, name, type, order, duplicates, comment."""
    entries = _entries(data)
    rebuilt: list[tuple[zipfile.ZipInfo, bytes]] = []
    for info, content in entries:
        clone = _info(info.filename, info.compress_type)
        rebuilt.append((clone, content))
    game = rng.randrange(11)
    index = rng.randrange(len(rebuilt))
    info, content = rebuilt[index]
    if game == 0:
        info.compress_type = rng.choice((zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))
        notes.append(f"rebuild {info.filename} method {info.compress_type}")
    elif game == 1:
        name = rng.choice(
            ("../x", "/abs", "a\\b", "C:/x", "records//visit.jsonl", "records/x.jsonl", "Manifest.json", "ü.txt")
        )
        rebuilt[index] = (_info(name, info.compress_type), content)
        notes.append(f"rebuild rename {info.filename} → {name}")
    elif game == 2:
        info.external_attr = rng.choice(
            ((stat.S_IFLNK | 0o777) << 16, (stat.S_IFDIR | 0o755) << 16 | 0x10, 0x10, (stat.S_IFIFO | 0o644) << 16, 0)
        )
        notes.append(f"rebuild {info.filename} attr {info.external_attr:#x}")
    elif game == 3:
        rebuilt.append((_info(info.filename), content))
        notes.append(f"rebuild duplicate {info.filename}")
    elif game == 4:
        del rebuilt[index]
        notes.append(f"rebuild drop {info.filename}")
    elif game == 5:
        rng.shuffle(rebuilt)
        notes.append("rebuild shuffled order")
    elif game == 6:
        info.flag_bits |= 0x1
        notes.append(f"rebuild {info.filename} encrypted flag")
    elif game == 7:
        info.extra = struct.pack("<HH", 0xCAFE, 4) + rng.randbytes(4)
        notes.append(f"rebuild {info.filename} extra field")
    elif game == 8:
        rebuilt.append((_info(rng.choice(("notes.txt", "records/widget.jsonl", "reference/x.json"))), b"{}\n"))
        notes.append("rebuild unlisted member")
    elif game == 9:  # the manifest replaced by a valid signature over other bytes
        fake = b'{"format": "kcfield-package"}'
        for position, (entry, _) in enumerate(rebuilt):
            if entry.filename == "manifest.json":
                rebuilt[position] = (entry, fake)
            elif entry.filename == "manifest.sig":
                rebuilt[position] = (entry, keys.sign(key, fake))
        notes.append("rebuild manifest replaced")
    else:
        notes.append("rebuild with a comment")
        return _zip(rebuilt, comment=rng.randbytes(rng.randint(1, 200)))
    return _zip(rebuilt)


_INT_VALUES = (0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF)


def _mutate_bytes(rng: random.Random, data: bytes, other: bytes, notes: list[str], *, header_bytes: int) -> bytes:
    buffer = bytearray(data)
    op = rng.randrange(9)
    size = len(buffer)
    if size == 0:
        notes.append("bytes: empty stays empty")
        return data
    if op == 0:
        flips = rng.randint(1, 8)
        for _ in range(flips):
            at = rng.randrange(size)
            buffer[at] ^= 1 << rng.randrange(8)
        notes.append(f"bytes: {flips} bit flips")
    elif op == 1:
        at = rng.randrange(min(size, header_bytes)) if header_bytes and rng.random() < 0.5 else rng.randrange(size)
        buffer[at] = rng.choice((0, 0xFF, 0x7F, 0x80, rng.randrange(256)))
        notes.append(f"bytes: byte {at} set")
    elif op == 2:
        cut = rng.choice((0, 1, 8, 12, size // 2, size - 1, size - 16, size - 17, rng.randrange(size)))
        cut = max(0, min(cut, size))
        notes.append(f"bytes: truncated to {cut}")
        return bytes(buffer[:cut])
    elif op == 3:
        at = rng.randrange(size + 1)
        chunk = rng.randbytes(rng.choice((1, 4, 16, 100, 5000)))
        buffer[at:at] = chunk
        notes.append(f"bytes: {len(chunk)} inserted at {at}")
    elif op == 4:
        at = rng.randrange(size)
        length = rng.randint(1, max(1, min(200, size - at)))
        del buffer[at : at + length]
        notes.append(f"bytes: {length} deleted at {at}")
    elif op == 5:
        cut_a, cut_b = rng.randrange(size + 1), rng.randrange(len(other) + 1)
        notes.append(f"bytes: splice {cut_a} of this + other from {cut_b}")
        return bytes(buffer[:cut_a]) + other[cut_b:]
    elif op == 6:
        at = rng.randrange(size)
        length = rng.randint(1, min(500, size - at))
        buffer[at:at] = buffer[at : at + length]
        notes.append(f"bytes: {length} duplicated at {at}")
    elif op == 7:
        width = rng.choice((1, 2, 4, 8))
        limit = header_bytes if header_bytes and rng.random() < 0.7 else size
        at = rng.randrange(max(1, min(limit, size) - width + 1))
        order = rng.choice(("little", "big"))
        value = rng.choice(_INT_VALUES) % (1 << (8 * width))
        buffer[at : at + width] = value.to_bytes(width, order)
        notes.append(f"bytes: {width}-byte {order} field at {at} = {value:#x}")
    else:
        suffix = rng.choice((b"\x00", b"PK\x05\x06" + bytes(18), rng.randbytes(32), data[:64]))
        buffer += suffix
        notes.append(f"bytes: {len(suffix)} appended")
    return bytes(buffer)


# name → (signature, fixed size, {field: (offset, width)})
_ZIP_HEADERS = {
    "local": (
        b"PK\x03\x04",
        {"version": (4, 2), "flags": (6, 2), "method": (8, 2), "crc": (14, 4), "csize": (18, 4), "usize": (22, 4)}
        | {"name_len": (26, 2), "extra_len": (28, 2)},
    ),
    "central": (
        b"PK\x01\x02",
        {"flags": (8, 2), "method": (10, 2), "crc": (16, 4), "csize": (20, 4), "usize": (24, 4), "name_len": (28, 2)}
        | {"extra_len": (30, 2), "comment_len": (32, 2), "disk": (34, 2), "ext_attr": (38, 4), "offset": (42, 4)},
    ),
    "end": (
        b"PK\x05\x06",
        {"disk": (4, 2), "cd_disk": (6, 2), "entries_disk": (8, 2), "entries": (10, 2), "cd_size": (12, 4)}
        | {"cd_offset": (16, 4), "comment_len": (20, 2)},
    ),
}


def _zip_field_game(rng: random.Random, data: bytes, notes: list[str]) -> bytes:
    """One integer field of a local header, a central directory entry or the end record set to an edge value,
    or one byte of a name in the directory changed."""
    kind = rng.choice(sorted(_ZIP_HEADERS))
    signature, layout = _ZIP_HEADERS[kind]
    places = [i for i in range(len(data)) if data.startswith(signature, i)]
    if not places:
        return data
    at = rng.choice(places)
    buffer = bytearray(data)
    if kind == "central" and rng.random() < 0.25 and at + 46 <= len(data):
        (name_len,) = struct.unpack_from("<H", data, at + 28)
        if name_len and at + 46 + name_len <= len(buffer):  # the signature may also turn up inside member data
            where = at + 46 + rng.randrange(name_len)
            buffer[where] = rng.choice(b"/\\.\x00\xff:")
            notes.append(f"zip-field central name byte {where - at - 46} changed")
            return bytes(buffer)
    name, (offset, width) = rng.choice(sorted(layout.items()))
    if at + offset + width > len(buffer):
        return data
    old = int.from_bytes(buffer[at + offset : at + offset + width], "little")
    top = (1 << (8 * width)) - 1
    value = rng.choice((0, 1, top, old + 1, old - 1, top // 2, rng.randrange(top + 1))) & top
    buffer[at + offset : at + offset + width] = value.to_bytes(width, "little")
    notes.append(f"zip-field {kind}.{name} {old:#x} → {value:#x}")
    return bytes(buffer)


def _envelope_header_game(rng: random.Random, data: bytes, notes: list[str]) -> bytes:
    """The envelope's JSON header with one field changed and its length fixed, so the checks behind the
    length see it."""
    from kcfield.sync import envelope

    magic = envelope.MAGIC
    if not data.startswith(magic):
        return data
    (length,) = struct.unpack_from(">I", data, len(magic))
    start = len(magic) + 4
    header = json.loads(data[start : start + length])
    key = rng.choice((*sorted(header), "extra"))
    game = rng.randrange(4)
    if game == 0 and key in header:
        del header[key]
        notes.append(f"envelope header {key} removed")
    elif key == "size" and game == 1:
        header["size"] = rng.choice((header["size"] + 1, header["size"] - 1, 0, 2**40, 2**64, 65536))
        notes.append(f"envelope header size {header['size']}")
    elif key == "ephemeral" and game == 1:
        header["ephemeral"] = base64.b64encode(rng.choice((bytes(32), b"\x01" + bytes(31), bytes(31)))).decode()
        notes.append("envelope header ephemeral low-order or short")
    else:
        header[key] = interesting(rng)
        notes.append(f"envelope header {key} = {_short(repr(header[key]))}")
    raw = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        raw = raw + b" " * rng.choice((1, 5000))
    return magic + struct.pack(">I", len(raw)) + raw + data[start + length :]


# --- small helpers ------------------------------------------------------------------------------------------


def _innermost(exc: BaseException) -> str:
    """The innermost frame in the project's code (kcfield/…), or the innermost frame at all."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/kcfield/" in f.filename.replace(os.sep, "/")]
    frame = (ours or frames)[-1] if (ours or frames) else None
    if frame is None:
        return "?"
    path = frame.filename.replace(os.sep, "/")
    path = path[path.rfind("/kcfield/") + 1 :] if "/kcfield/" in path else Path(path).name
    return f"{path}:{frame.lineno} ({frame.name})"


def _short(text_: str, limit: int = 120) -> str:
    text_ = text_.replace("\n", "\\n")
    return text_ if len(text_) <= limit else text_[: limit - 1] + "…"


def _count_files(folder: Path) -> int:
    if not folder.exists():
        return 0
    return sum(len(files) for _root, _dirs, files in os.walk(folder))
