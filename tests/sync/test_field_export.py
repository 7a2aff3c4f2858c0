"""Field export: every pending change leaves in one signed package, exactly once, in sequence, nothing lost."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kcfield.domain.enums import (
    ChecklistAnswer,
    CPInputCategory,
    CPOutputCategory,
    NeedPurpose,
)
from kcfield.domain.errors import DomainError
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
from kcfield.domain.serialization import from_json, to_json
from kcfield.paths import AppPaths
from kcfield.services import sync_field as sync_field_module
from kcfield.services.container import Services
from kcfield.services.sync_field import FieldSyncService
from kcfield.services.sync_state import NEXT_SEQUENCE, read_state
from kcfield.store.models import EstablishmentRow
from kcfield.sync.keys import load_private_key, public_bytes
from kcfield.sync.package import OpenedPackage, PackageKind, read_package
from tests.conftest import CentreKeys
from tests.unit.test_services import _draft

CHAU_DUC = 26596
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(64)) + b"\xff\xd9"


@pytest.fixture
def field_sync(trusted: Services, app_paths: AppPaths) -> FieldSyncService:
    """The export service of a laptop that trusts a centre (``trusted`` is ``profiled`` with the centre's keys)."""
    return FieldSyncService(trusted.ctx, app_paths, trusted.attachments.store, app_version="9.9.9-test")


@dataclasses.dataclass
class Story:
    establishment: Establishment
    visit: Visit
    need: EquipmentNeed
    assessment: CPAssessment
    photo: Attachment


def _establishment(**changes: Any) -> Establishment:
    """The services tests' establishment, with a position (it travels in the package too)."""
    return _draft(**{"latitude": 10.6512345, "longitude": 107.2398765, **changes})


def _story(services: Services, tmp_path: Path) -> Story:
    est = services.establishments.create(_establishment())
    assert est.id is not None
    visit = services.visits.create(
        Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), purpose="Khảo sát nhu cầu thiết bị")
    )
    need = services.needs.create(
        EquipmentNeed(
            establishment_id=est.id,
            visit_id=visit.id,
            equipment_name="Máy sấy bơm nhiệt",
            purposes=frozenset({NeedPurpose.PRODUCTIVITY, NeedPurpose.QUALITY}),
            quantity=2,
            unit_price_vnd=150_000_000,
        )
    )
    assessment = services.assessments.create(
        CPAssessment(
            establishment_id=est.id,
            visit_id=visit.id,
            product_name="Khô cá",
            output_quantity=120,
            output_unit="t",
            inputs=(
                CPInput(CPInputCategory.ENERGY, "Điện năng", 150_000, "kWh", 2_100, "electricity"),
                CPInput(CPInputCategory.WATER, "Nước", 900, "m3"),
            ),
            outputs=(CPOutput(CPOutputCategory.WASTEWATER, "Nước thải", 800, "m3"),),
            checklist=(CPChecklistEntry("HK01", ChecklistAnswer.NO, "rò rỉ vòi"),),
            options=(CPOption(1, "Sửa rò rỉ", 2_000_000, 12_000_000),),
        )
    )
    source = tmp_path / "photos" / "Nhà xưởng.jpg"
    source.parent.mkdir()
    source.write_bytes(JPEG)
    photo = services.attachments.add("establishment", est.id, source, caption="Mặt tiền nhà xưởng")
    return Story(est, visit, need, assessment, photo)


def _open(sync: FieldSyncService, centre: CentreKeys, path: Path) -> OpenedPackage:
    """The package as the centre reads it: decrypted with the centre's key, signed by this laptop's."""
    public = public_bytes(load_private_key(sync.key_path))
    fingerprint = sync.ensure_key()
    return read_package(path, lambda fp: public if fp == fingerprint else None, centre.encryption_key)


def _only(package: OpenedPackage, entity: str) -> dict[str, Any]:
    (line,) = package.records(entity)
    return line


def _fields(obj: Any) -> dict[str, Any]:
    fields = to_json(obj)
    del fields["id"], fields["meta"]
    fields.pop("rep_personal_id", None)  # withheld: by default the centre does not collect personal IDs
    return fields


def _outbox_files(paths: AppPaths) -> list[Path]:
    return sorted(paths.outbox.glob("*.kcpkg"))


def test_a_new_story_travels_whole_and_exact(
    profiled: Services, field_sync: FieldSyncService, app_paths: AppPaths, tmp_path: Path, centre_keys: CentreKeys
) -> None:
    story = _story(profiled, tmp_path)
    assert field_sync.pending_summary() == {
        "establishment": 1,
        "visit": 1,
        "equipment_need": 1,
        "cp_assessment": 1,
        "attachment": 1,
    }
    result = field_sync.export()
    assert result is not None
    assert result.sequence == 1 and result.record_count == 5 and result.attachment_files == 1
    assert result.path.parent == app_paths.outbox and result.path.name.startswith("CTV001-000001-")
    assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256

    package = _open(field_sync, centre_keys, result.path)
    manifest = package.manifest
    assert manifest.kind is PackageKind.FIELD_CHANGES and manifest.sequence == 1
    assert manifest.package_id == result.package_id and package.sha256 == result.sha256
    assert manifest.sender.code == "CTV001" and manifest.sender.role == "collaborator"
    assert manifest.sender.key_fingerprint == field_sync.ensure_key()
    assert manifest.app_version == "9.9.9-test"

    pairs: list[tuple[str, Any, type[Any]]] = [
        ("establishment", story.establishment, Establishment),
        ("visit", story.visit, Visit),
        ("equipment_need", story.need, EquipmentNeed),
        ("cp_assessment", story.assessment, CPAssessment),
        ("attachment", story.photo, Attachment),
    ]
    for entity, record, cls in pairs:
        line = _only(package, entity)
        assert line["id"] == str(record.id)
        assert line["fields"] == _fields(record), entity
        rebuilt = from_json(cls, line["fields"])
        assert rebuilt == dataclasses.replace(record, id=None, meta=None), entity
        assert (line["base_revision"], line["local_edits"], line["deleted"]) == (0, 1, False)
        assert line["created_by"] == "CTV001" and line["updated_by"] == "CTV001"
        assert line["created_at"] == record.meta.created_at.isoformat()
    cp = _only(package, "cp_assessment")["fields"]
    assert [i["name"] for i in cp["inputs"]] == ["Điện năng", "Nước"]
    assert cp["checklist"] == [{"answer": "no", "item_code": "HK01", "note": "rò rỉ vòi"}]
    assert _only(package, "establishment")["fields"]["latitude"] == 10.6512345
    assert package.attachment(story.photo.sha256) == JPEG
    audit_lines = package.member("audit.jsonl").decode("utf-8").splitlines()
    assert len(audit_lines) == profiled.audit.count() and result.audit_events == len(audit_lines)
    first_event = json.loads(audit_lines[0])
    assert first_event["seq"] == 1 and first_event["entity"] == "collaborator"

    assert field_sync.pending_summary() == dict.fromkeys(field_sync.pending_summary(), 0)
    (entry,) = field_sync.outbox()
    assert (entry.package_id, entry.sequence, entry.sha256, entry.path) == (
        result.package_id,
        1,
        result.sha256,
        result.path,
    )
    assert entry.record_count == 5 and not entry.acknowledged and entry.kind == "field-changes"
    assert field_sync.resend_paths() == [result.path]


def test_nothing_pending_writes_nothing(
    profiled: Services, field_sync: FieldSyncService, app_paths: AppPaths, tmp_path: Path
) -> None:
    assert field_sync.export() is None  # a profile but no records
    assert _outbox_files(app_paths) == []
    _story(profiled, tmp_path)
    assert field_sync.export() is not None
    before = _outbox_files(app_paths)
    assert field_sync.export() is None
    assert _outbox_files(app_paths) == before and len(field_sync.outbox()) == 1


def test_an_edit_after_export_goes_in_the_next_package_in_sequence(
    profiled: Services, field_sync: FieldSyncService, tmp_path: Path, centre_keys: CentreKeys
) -> None:
    story = _story(profiled, tmp_path)
    first = field_sync.export()
    assert first is not None
    edited = profiled.establishments.update(dataclasses.replace(story.establishment, village="Ấp Nam"))
    assert field_sync.pending_summary()["establishment"] == 1
    second = field_sync.export()
    assert second is not None
    assert second.sequence == 2 and second.previous_sha256 == first.sha256 and second.record_count == 1
    package = _open(field_sync, centre_keys, second.path)
    assert package.manifest.sequence == 2 and package.manifest.previous_sha256 == first.sha256
    assert package.records("visit") == []
    line = _only(package, "establishment")
    assert line["local_edits"] == 2 and line["fields"]["village"] == "Ấp Nam"
    assert line["fields"] == _fields(edited)
    audit_lines = package.member("audit.jsonl").decode("utf-8").splitlines()
    assert [json.loads(x)["action"] for x in audit_lines] == ["update"]  # only the events since the last export
    assert field_sync.resend_paths() == [first.path, second.path]


def test_a_deleted_record_travels_as_a_delete(
    profiled: Services, field_sync: FieldSyncService, tmp_path: Path, centre_keys: CentreKeys
) -> None:
    story = _story(profiled, tmp_path)
    assert field_sync.export() is not None
    assert story.need.id is not None
    profiled.needs.delete(story.need.id)
    result = field_sync.export()
    assert result is not None
    line = _only(_open(field_sync, centre_keys, result.path), "equipment_need")
    assert line["deleted"] is True and line["local_edits"] == 2


def test_an_edit_made_while_exporting_stays_pending(
    profiled: Services,
    field_sync: FieldSyncService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    centre_keys: CentreKeys,
) -> None:
    story = _story(profiled, tmp_path)
    real_write = sync_field_module.write_package

    def write_then_someone_edits(*args: Any, **kwargs: Any) -> Any:
        written = real_write(*args, **kwargs)
        profiled.establishments.update(dataclasses.replace(story.establishment, street="12 Lê Lợi"))
        return written

    monkeypatch.setattr(sync_field_module, "write_package", write_then_someone_edits)
    first = field_sync.export()
    monkeypatch.undo()
    assert first is not None and first.records["establishment"] == 1
    assert _only(_open(field_sync, centre_keys, first.path), "establishment")["fields"]["street"] == ""
    pending = field_sync.pending_summary()
    assert pending["establishment"] == 1 and pending["visit"] == 0  # the rest was marked, the edit was not
    second = field_sync.export()
    assert second is not None and second.sequence == 2 and second.record_count == 1
    line = _only(_open(field_sync, centre_keys, second.path), "establishment")
    assert line["local_edits"] == 2 and line["fields"]["street"] == "12 Lê Lợi"


@pytest.mark.parametrize("damage", ["changed", "missing"])
def test_a_damaged_attachment_file_is_refused_and_nothing_is_marked(
    profiled: Services, field_sync: FieldSyncService, app_paths: AppPaths, tmp_path: Path, damage: str
) -> None:
    story = _story(profiled, tmp_path)
    stored = profiled.attachments.store.path_of(story.photo.sha256)
    if damage == "changed":
        stored.write_bytes(JPEG + b"edited")
    else:
        stored.unlink()
    pending = field_sync.pending_summary()
    with pytest.raises(DomainError) as caught:
        field_sync.export()
    assert caught.value.code == f"sync_field.attachment_{damage}"
    assert caught.value.params["name"] == "Nhà xưởng.jpg"
    assert field_sync.pending_summary() == pending
    assert _outbox_files(app_paths) == [] and field_sync.outbox() == []


def test_a_crash_before_the_commit_neither_skips_nor_reuses_a_sequence(
    profiled: Services,
    field_sync: FieldSyncService,
    app_paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _story(profiled, tmp_path)

    def power_cut(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(sync_field_module, "_mark_exported", power_cut)
    with pytest.raises(RuntimeError):
        field_sync.export()
    monkeypatch.undo()
    assert field_sync.pending_summary()["establishment"] == 1 and field_sync.outbox() == []
    with profiled.ctx.store.read() as session:
        assert NEXT_SEQUENCE not in read_state(session)
    # A process killed after the rename leaves its file behind: the next export replaces it.
    stray = app_paths.outbox / f"CTV001-000001-{uuid.uuid4()}.kcpkg"
    stray.write_bytes(b"left by a killed export")
    not_ours = app_paths.outbox / f"CTV001-000002-{uuid.uuid4()}.kcpkg"  # another number: left alone
    not_ours.write_bytes(b"?")
    result = field_sync.export()
    assert result is not None and result.sequence == 1 and result.record_count == 5
    assert _outbox_files(app_paths) == sorted([result.path, not_ours])


def test_a_copy_goes_to_the_folder_asked_for(profiled: Services, field_sync: FieldSyncService, tmp_path: Path) -> None:
    _story(profiled, tmp_path)
    usb = tmp_path / "usb"
    with pytest.raises(DomainError) as caught:
        field_sync.export(usb)
    assert caught.value.code == "sync_field.folder_missing" and field_sync.outbox() == []
    usb.mkdir()
    result = field_sync.export(usb)
    assert result is not None and result.copied_to == usb / result.path.name
    assert result.copied_to.read_bytes() == result.path.read_bytes()
    assert [p.name for p in usb.iterdir()] == [result.path.name]  # no temp file left behind


def test_export_needs_a_profile(services: Services, app_paths: AppPaths) -> None:
    sync = FieldSyncService(services.ctx, app_paths, services.attachments.store)
    with pytest.raises(DomainError) as caught:
        sync.export()
    assert caught.value.code == "sync_field.no_profile"


def test_pending_counts_follow_the_store(profiled: Services, field_sync: FieldSyncService) -> None:
    profiled.establishments.create(_establishment())
    profiled.establishments.create(_establishment(name="Hợp tác xã mây tre đan Phú Vinh"))
    with profiled.ctx.store.read() as session:
        assert len(session.scalars(select(EstablishmentRow.id)).all()) == 2
    assert field_sync.pending_summary()["establishment"] == 2


def test_two_exports_racing_for_one_number_leave_one_package(
    profiled: Services,
    field_sync: FieldSyncService,
    app_paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _story(profiled, tmp_path)
    real_write = sync_field_module.write_package
    other = FieldSyncService(profiled.ctx, app_paths, profiled.attachments.store)

    def write_while_another_export_runs(*args: Any, **kwargs: Any) -> Any:
        written = real_write(*args, **kwargs)
        monkeypatch.setattr(sync_field_module, "write_package", real_write)
        assert other.export() is not None  # the other one commits number 1 first
        return written

    monkeypatch.setattr(sync_field_module, "write_package", write_while_another_export_runs)
    with pytest.raises(DomainError) as caught:
        field_sync.export()
    assert caught.value.code == "sync_field.concurrent_export"
    (entry,) = field_sync.outbox()
    assert entry.sequence == 1 and _outbox_files(app_paths) == [entry.path]
    assert sum(field_sync.pending_summary().values()) == 0


def test_export_needs_the_centres_encryption_key(profiled: Services, app_paths: AppPaths) -> None:
    """A laptop that never imported the welcome package has no key to seal for: it says so and writes nothing."""
    profiled.establishments.create(_establishment())
    sync = FieldSyncService(profiled.ctx, app_paths, profiled.attachments.store)
    with pytest.raises(DomainError) as refused:
        sync.export()
    assert refused.value.code == "sync_field.no_centre_key"
    assert _outbox_files(app_paths) == []
    assert sync.pending_summary()["establishment"] == 1


def test_the_package_is_sealed_for_the_centre(
    trusted: Services, field_sync: FieldSyncService, centre_keys: CentreKeys, tmp_path: Path
) -> None:
    story = _story(trusted, tmp_path)
    result = field_sync.export()
    assert result is not None
    raw = result.path.read_bytes()
    assert result.sha256 == hashlib.sha256(raw).hexdigest()
    for visible in (story.establishment.name.encode(), b"manifest.json", JPEG[:16], b"PK\x03\x04"):
        assert visible not in raw
    assert centre_keys.read(result.path).sha256 == result.sha256
