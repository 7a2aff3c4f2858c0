"""Importing field packages at the centre, on SQLite and PostgreSQL: fast-forward, three-way merge, conflicts,
idempotency, ordering with held packages, refusals that change nothing, and signed receipts."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import CentreDatabase
from kcfield.centre.identity import load_identity
from kcfield.centre.importer import CentreImporter
from kcfield.centre.models import CentreConflict, CentrePackage, Revision
from kcfield.services import sync_state
from kcfield.store.models import EstablishmentRow, VisitRow
from kcfield.sync import keys
from kcfield.sync.manifest import PackageKind, Party
from kcfield.sync.package import read_package, write_package
from tests.centre.conftest import CentreTarget

NOW = "2026-11-26T03:00:00+00:00"


class Device:
    """A collaborator's laptop as the centre sees it: a key, a device id and a package chain."""

    def __init__(self, code: str, folder: Path, centre_encryption: bytes) -> None:
        self.code = code
        self.centre_encryption = centre_encryption  # the centre's X25519 key: packages are sealed for it
        self.key: Ed25519PrivateKey = keys.generate_private_key()
        self.device_id = uuid4().hex
        self.folder = folder
        self.sequence = 0
        self.previous = ""

    @property
    def public(self) -> bytes:
        return keys.public_bytes(self.key)

    @property
    def encryption_public(self) -> bytes:
        return keys.encryption_public_bytes(self.key)

    def open(self, path: Path, centre_public: bytes) -> Any:
        """A package from the centre, as this laptop opens it (sealed for its own key)."""
        trusted = {keys.fingerprint(centre_public): centre_public}
        return read_package(path, trusted.get, keys.encryption_private_key(self.key))

    def package(self, records: dict[str, list[dict[str, Any]]], *, sequence: int | None = None) -> Path:
        self.sequence = sequence if sequence is not None else self.sequence + 1
        members = {
            f"records/{entity}.jsonl": b"".join(
                json.dumps(line, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"
                for line in lines
            )
            for entity, lines in records.items()
        }
        sender = Party("collaborator", self.code, self.device_id, keys.fingerprint(self.public))
        written = write_package(
            self.folder,
            kind=PackageKind.FIELD_CHANGES,
            sender=sender,
            recipient="TTKC",
            sequence=self.sequence,
            previous_sha256=self.previous,
            members=members,
            key=self.key,
            app_version="test",
            schema_version="test",
            encrypt_for=self.centre_encryption,
        )
        self.previous = written.sha256
        return written.path


def establishment(record_id: UUID, base: int = 0, **fields: Any) -> dict[str, Any]:
    values = {"name": "Cơ sở gốm Tân Hạnh", "kind": "HKD", "commune_code": 26596, "workers_total": 12, "village": ""}
    values.update(fields)
    return {
        "id": str(record_id),
        "base_revision": base,
        "local_edits": 1,
        "deleted": False,
        "created_at": NOW,
        "created_by": "CTV001",
        "updated_at": NOW,
        "updated_by": "CTV001",
        "fields": values,
    }


def visit(record_id: UUID, establishment_id: UUID) -> dict[str, Any]:
    line = establishment(record_id)
    line["fields"] = {"establishment_id": str(establishment_id), "purpose": "Khảo sát", "consent": True}
    return line


@pytest.fixture
def setup(target: CentreTarget, centre: CentreDatabase, tmp_path: Path) -> tuple[CentreImporter, Device, Device]:
    identity = load_identity(centre, target.key_path)
    a = Device("CTV001", tmp_path / "a", identity.encryption_public_key)
    b = Device("CTV002", tmp_path / "b", identity.encryption_public_key)
    register = CentreCollaborators(centre)
    register.register(a.code, "Nguyễn Thị Lan", a.public, a.device_id, [26596], encryption_key=a.encryption_public)
    register.register(b.code, "Trần Văn Bình", b.public, b.device_id, [26596], encryption_key=b.encryption_public)
    importer = CentreImporter(centre, identity, tmp_path / "receipts", tmp_path / "attachments")
    return importer, a, b


def receipt_records(path: Path, centre_public: bytes, device: Device) -> list[dict[str, Any]]:
    opened = device.open(path, centre_public)
    assert opened.manifest.kind is PackageKind.RECEIPT
    return list(opened.json("receipt.json")["records"])


def field_value(centre: CentreDatabase, record_id: UUID, name: str) -> Any:
    with centre.read() as session:
        return getattr(session.get(EstablishmentRow, record_id), name)


def test_new_records_become_revision_one_and_reach_the_shared_tables(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase, target: CentreTarget
) -> None:
    importer, a, _b = setup
    est, vis = uuid4(), uuid4()
    [result] = importer.import_file(a.package({"establishment": [establishment(est)], "visit": [visit(vis, est)]}))
    assert result.status == "applied" and result.counts() == {"applied": 2}
    assert result.receipt is not None
    identity = load_identity(centre, target.key_path)
    records = receipt_records(result.receipt, identity.public_key, a)
    assert {(r["entity"], r["outcome"], r["revision"]) for r in records} == {
        ("establishment", "applied", 1),
        ("visit", "applied", 1),
    }
    with centre.read() as session:
        row = session.get(EstablishmentRow, est)
        assert row is not None and row.name == "Cơ sở gốm Tân Hạnh" and row.base_revision == 1
        assert session.get(VisitRow, vis) is not None


def test_the_same_package_twice_changes_nothing_and_gives_the_same_receipt(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase
) -> None:
    importer, a, _b = setup
    path = a.package({"establishment": [establishment(uuid4())]})
    [first] = importer.import_file(path)
    [again] = importer.import_file(path)
    assert again.status == "duplicate"
    assert again.receipt is not None and first.receipt is not None
    assert again.receipt.read_bytes() == first.receipt.read_bytes()
    with centre.read() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == 1


def test_edits_of_different_fields_merge_and_the_same_field_is_a_conflict_with_both_values(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase
) -> None:
    importer, a, b = setup
    est = uuid4()
    importer.import_file(a.package({"establishment": [establishment(est)]}))  # revision 1
    # Both laptops start from revision 1. A changes the workers and the village; B changes the village differently
    # and the products.
    [ra] = importer.import_file(a.package({"establishment": [establishment(est, 1, workers_total=15, village="Ấp 1")]}))
    assert ra.counts() == {"applied": 1}
    [rb] = importer.import_file(
        b.package({"establishment": [establishment(est, 1, village="Ấp 2", main_products="Chậu gốm")]})
    )
    assert rb.counts() == {"conflict": 1}
    outcome = rb.outcomes[0]
    assert outcome.revision == 3  # B's products merged in; the village kept the centre's value
    assert field_value(centre, est, "workers_total") == 15
    assert field_value(centre, est, "main_products") == "Chậu gốm"
    assert field_value(centre, est, "village") == "Ấp 1"
    with centre.read() as session:
        [conflict] = session.scalars(select(CentreConflict)).all()
        assert (conflict.field_name, conflict.base_value, conflict.centre_value, conflict.field_value) == (
            "village",
            "",
            "Ấp 1",
            "Ấp 2",
        )
        assert list(outcome.conflicts) == [conflict.id]


def test_a_device_building_on_its_own_revisions_fast_forwards(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase
) -> None:
    importer, a, _b = setup
    est = uuid4()
    importer.import_file(a.package({"establishment": [establishment(est)]}))
    importer.import_file(a.package({"establishment": [establishment(est, 1, workers_total=13)]}))  # revision 2
    # A's next package still says base 1 (it had not imported the receipt): the revisions since are its own.
    [result] = importer.import_file(a.package({"establishment": [establishment(est, 1, workers_total=14)]}))
    assert result.counts() == {"applied": 1} and result.outcomes[0].revision == 3
    assert field_value(centre, est, "workers_total") == 14


def test_an_early_package_is_held_until_the_gap_fills(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase
) -> None:
    importer, a, _b = setup
    one, two = uuid4(), uuid4()
    first = a.package({"establishment": [establishment(one)]})
    second = a.package({"establishment": [establishment(two, name="Cơ sở thứ hai")]})
    [held] = importer.import_file(second)
    assert held.status == "held" and held.waiting_for == 1
    assert held.receipt is not None  # the receipt says what it waits for
    with centre.read() as session:
        stored = session.get(CentrePackage, held.package_id)
        assert stored is not None and stored.receipt == held.receipt.read_bytes()
    with centre.read() as session:
        assert session.get(EstablishmentRow, two) is None
    results = importer.import_file(first)
    assert [r.status for r in results] == ["applied", "applied"]
    assert field_value(centre, two, "name") == "Cơ sở thứ hai"
    with centre.read() as session:
        statuses = session.scalars(select(CentrePackage.status).order_by(CentrePackage.sequence)).all()
        assert statuses == ["applied", "applied"]


def test_deletes_travel_as_a_field(setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase) -> None:
    importer, a, _b = setup
    est = uuid4()
    importer.import_file(a.package({"establishment": [establishment(est)]}))
    gone = establishment(est, 1)
    gone["deleted"] = True
    [result] = importer.import_file(a.package({"establishment": [gone]}))
    assert result.counts() == {"applied": 1}
    assert field_value(centre, est, "deleted") is True


def test_a_visit_of_an_unknown_establishment_is_rejected_alone(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase
) -> None:
    importer, a, _b = setup
    est = uuid4()
    [result] = importer.import_file(
        a.package({"establishment": [establishment(est)], "visit": [visit(uuid4(), uuid4()), visit(uuid4(), est)]})
    )
    assert result.status == "applied"
    assert sorted(o.outcome for o in result.outcomes) == ["applied", "applied", "rejected"]
    assert next(o for o in result.outcomes if o.outcome == "rejected").reason == "sync.unknown_owner"


def test_a_commune_the_centre_does_not_know_rejects_that_record_alone(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase
) -> None:
    importer, a, _b = setup
    known, unknown = uuid4(), uuid4()
    lines = [establishment(known), establishment(unknown, commune_code=7)]  # no commune has code 7
    [result] = importer.import_file(a.package({"establishment": lines}))
    assert result.status == "applied"
    outcomes = {o.id: (o.outcome, o.reason) for o in result.outcomes}
    assert outcomes[str(known)][0] == "applied"
    assert outcomes[str(unknown)] == ("rejected", "sync.bad_record")
    assert field_value(centre, known, "name") is not None


def snapshot(centre: CentreDatabase) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every centre table, as values: 'byte-for-byte unchanged in content'."""
    from kcfield.centre.models import centre_tables

    content: dict[str, list[tuple[Any, ...]]] = {}
    with centre.read() as session:
        for name, table in sorted(centre_tables().items()):
            if name in {"provinces", "communes", "vsic_codes"}:
                continue  # reference data: large and never written by an import
            content[name] = sorted(tuple(map(repr, row)) for row in session.execute(select(table)))
    return content


def test_refused_packages_leave_the_centre_unchanged(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase, tmp_path: Path
) -> None:
    importer, a, b = setup
    importer.import_file(a.package({"establishment": [establishment(uuid4())]}))
    before = snapshot(centre)
    stranger = Device("CTV009", tmp_path / "x", a.centre_encryption)  # never enrolled
    forged = copy.copy(b)
    forged.code = "CTV001"  # B's key, A's name
    reused = Device("CTV001", tmp_path / "y", a.centre_encryption)
    reused.key, reused.device_id = a.key, a.device_id  # A's key, but a different package with sequence 1 again
    cases = {
        "unknown key": stranger.package({"establishment": [establishment(uuid4())]}),
        "sender mismatch": forged.package({"establishment": [establishment(uuid4())]}),
        "sequence reused": reused.package({"establishment": [establishment(uuid4())]}, sequence=1),
    }
    reasons = {name: importer.import_file(path)[0] for name, path in cases.items()}
    assert snapshot(centre) == before
    CentreCollaborators(centre).revoke(b.code)
    before = snapshot(centre)  # the revocation itself is a change made on purpose
    cases["revoked key"] = b.package({"establishment": [establishment(uuid4())]})
    reasons["revoked key"] = importer.import_file(cases["revoked key"])[0]
    assert {name: r.status for name, r in reasons.items()} == dict.fromkeys(cases, "rejected")
    assert reasons["unknown key"].reason == "package.unknown_key"
    assert reasons["sender mismatch"].reason == "package.sender_mismatch"
    assert reasons["sequence reused"].reason == "package.sequence_used"
    assert reasons["revoked key"].reason == "package.revoked_key"
    assert snapshot(centre) == before


@pytest.fixture
def corpus(target: CentreTarget, centre: CentreDatabase, tmp_path: Path) -> Any:
    """The bad packages sealed for this centre's key (each backend's centre has its own)."""
    from tests.sync.corpus import build_corpus

    key = keys.generate_private_key()
    sender = Party("collaborator", "CTV001", uuid4().hex, keys.fingerprint(keys.public_bytes(key)))
    encrypt_for = load_identity(centre, target.key_path).encryption_public_key
    return build_corpus(tmp_path / "corpus", key=key, sender=sender, recipient="TTKC", encrypt_for=encrypt_for)


def test_every_bad_package_of_the_corpus_is_refused_with_its_reason_and_changes_nothing(
    corpus: Any, target: CentreTarget, centre: CentreDatabase, tmp_path: Path
) -> None:
    register = CentreCollaborators(centre)
    encryption = keys.encryption_public_bytes(keys.generate_private_key())
    register.register("CTV001", "Nguyễn Thị Lan", keys.public_bytes(corpus.key), corpus.sender.device_id, [26596],
                      encryption_key=encryption)  # fmt: skip
    importer = CentreImporter(centre, load_identity(centre, target.key_path), tmp_path / "r", tmp_path / "a")
    before = snapshot(centre)
    for name, path, code in corpus.cases:
        [result] = importer.import_file(path)
        assert (name, result.status, result.reason) == (name, "rejected", code)
    assert snapshot(centre) == before
    [good] = importer.import_file(corpus.good)  # and the good one still goes in
    assert good.status == "applied"


def trust_centre(services: Any, identity: Any) -> None:
    """The laptop trusts this centre, as after importing its welcome package."""
    with services.ctx.store.write() as session:
        sync_state.set_state(
            session,
            {
                sync_state.CENTRE_PUBLIC_KEY: base64.b64encode(identity.public_key).decode(),
                sync_state.CENTRE_FINGERPRINT: identity.fingerprint,
                sync_state.CENTRE_ENCRYPTION_KEY: base64.b64encode(identity.encryption_public_key).decode(),
            },
        )


def test_a_field_export_with_a_photo_arrives_whole_at_the_centre(
    target: CentreTarget, centre: CentreDatabase, profiled: Any, tmp_path: Path
) -> None:
    """The field's own export (not a crafted package): an establishment, its visit and a photo."""
    from datetime import date

    from kcfield.domain.model import Establishment, Visit
    from kcfield.store.models import AttachmentRow

    est = profiled.establishments.create(Establishment(name="Cơ sở dệt chiếu Định Yên", commune_code=26596))
    profiled.visits.create(Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), consent=True))
    photo_file = tmp_path / "mat-tien.jpg"
    photo_file.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(200)) + b"\xff\xd9")
    photo = profiled.attachments.add("establishment", est.id, photo_file, caption="Mặt tiền")
    trusted = load_identity(centre, target.key_path)
    trust_centre(profiled, trusted)
    exported = profiled.sync_field.export()
    assert exported is not None
    user = profiled.collaborators.local_user()
    mine = keys.load_private_key(profiled.sync_field.key_path)
    CentreCollaborators(centre).register(user.code, user.full_name, keys.public_bytes(mine), user.device_id, [26596],
                                         encryption_key=keys.encryption_public_bytes(mine))  # fmt: skip
    importer = CentreImporter(centre, load_identity(centre, target.key_path), tmp_path / "r", tmp_path / "files")
    [result] = importer.import_file(exported.path)
    assert result.status == "applied" and result.counts() == {"applied": 3}
    stored = tmp_path / "files" / photo.sha256[:2] / photo.sha256
    assert stored.read_bytes() == photo_file.read_bytes()
    with centre.read() as session:
        row = session.get(AttachmentRow, photo.id)
        assert row is not None and row.caption == "Mặt tiền" and row.sha256 == photo.sha256
    # The receipt makes the laptop's records synced at revision 1.
    assert result.receipt is not None
    done = profiled.sync_import.import_file(result.receipt)
    assert done.counts == {"applied": 3}
    assert profiled.establishments.get(est.id).meta.base_revision == 1
    assert profiled.sync_field.outbox()[0].acknowledged


def test_a_reference_package_since_a_moment_carries_only_what_moved(
    setup: tuple[CentreImporter, Device, Device], centre: CentreDatabase, target: CentreTarget, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from kcfield.centre.reference import ReferenceBuilder

    importer, a, _b = setup
    old, new = uuid4(), uuid4()
    clock = [datetime.now(UTC) + timedelta(days=1)]  # after the enrolment (stamped with the real time)
    importer._clock = lambda: clock[0]
    importer.import_file(a.package({"establishment": [establishment(old)]}))
    identity = load_identity(centre, target.key_path)
    clock[0] += timedelta(hours=1)
    builder = ReferenceBuilder(centre, identity, lambda: clock[0])
    first = builder.write("CTV001", tmp_path / "first").package.path
    state = a.open(first, identity.public_key).json("reference/state.json")
    assert state["since"] is None  # the first one is whole
    clock[0] += timedelta(hours=1)
    importer.import_file(a.package({"establishment": [establishment(new, name="Cơ sở mới")]}))
    clock[0] += timedelta(hours=1)
    later = builder.write("CTV001", tmp_path / "later", since=state["built_at"]).package.path
    opened = a.open(later, identity.public_key)
    assert [line["id"] for line in opened.records("establishment")] == [str(new)]
    assert opened.json("reference/state.json")["since"] == state["built_at"]
