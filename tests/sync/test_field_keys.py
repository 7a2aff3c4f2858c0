"""The collaborator's key pair and the signed enrolment request the centre verifies."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest

from kcfield.domain.errors import DomainError
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.sync_enrolment import read_enrolment_request
from kcfield.services.sync_field import FieldSyncService
from kcfield.sync.keys import (
    encryption_public_bytes,
    fingerprint,
    generate_private_key,
    load_private_key,
    public_bytes,
)


@pytest.fixture
def field_sync(profiled: Services, app_paths: AppPaths) -> FieldSyncService:
    return FieldSyncService(profiled.ctx, app_paths, profiled.attachments.store, app_version="9.9.9-test")


def test_the_key_is_made_once_owner_only_and_its_fingerprint_kept(
    profiled: Services, field_sync: FieldSyncService, app_paths: AppPaths
) -> None:
    assert not field_sync.key_path.exists()
    first = field_sync.ensure_key()
    assert field_sync.key_path == app_paths.keys / "collaborator.key"
    assert stat.S_IMODE(field_sync.key_path.stat().st_mode) == 0o600
    assert first == fingerprint(public_bytes(load_private_key(field_sync.key_path)))
    assert field_sync.ensure_key() == first  # not replaced
    user = profiled.collaborators.local_user()
    assert user is not None and user.key_fingerprint == first
    assert len(first.split(" ")) == 16


def test_a_key_made_before_the_profile_is_recorded_when_the_profile_exists(
    services: Services, app_paths: AppPaths
) -> None:
    sync = FieldSyncService(services.ctx, app_paths, services.attachments.store)
    made = sync.ensure_key()  # first run: the key comes before the profile is typed in
    services.collaborators.save_local_user("CTV002", "Lê Văn Minh")
    assert sync.ensure_key() == made
    user = services.collaborators.local_user()
    assert user is not None and user.key_fingerprint == made


def test_an_unreadable_key_is_an_error_not_a_new_identity(field_sync: FieldSyncService) -> None:
    field_sync.key_path.parent.mkdir(parents=True, exist_ok=True)
    field_sync.key_path.write_text("not a key", encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        field_sync.ensure_key()
    assert caught.value.code == "key.unreadable"
    assert field_sync.key_path.read_text(encoding="utf-8") == "not a key"


def test_the_enrolment_request_verifies_with_its_key(field_sync: FieldSyncService, tmp_path: Path) -> None:
    written = field_sync.enrol_request(tmp_path / "enrol-CTV001.json")
    request = read_enrolment_request(written.path)
    assert (request.code, request.full_name, request.phone) == ("CTV001", "Nguyễn Thị Lan", "0912345678")
    assert request.fingerprint == written.fingerprint == field_sync.ensure_key()
    assert request.public_key == public_bytes(load_private_key(field_sync.key_path))
    assert request.encryption_key == encryption_public_bytes(load_private_key(field_sync.key_path))
    assert request.app_version == "9.9.9-test" and request.created_at.endswith("+00:00")
    assert len(request.device_id) == 16
    document = json.loads(written.path.read_text(encoding="utf-8"))
    assert set(document) == {"request", "signature"}


def _tamper(path: Path, change: dict[str, object]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    document["request"].update(change)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"full_name": "Kẻ Giả Mạo"}, "enrol_request.bad_signature"),
        ({"code": "CTV999"}, "enrol_request.bad_signature"),
        ({"public_key": "other"}, "enrol_request.bad_key"),
        ({"fingerprint": "0000 " * 15 + "0000"}, "enrol_request.bad_key"),
        ({"format_version": 3}, "enrol_request.bad_shape"),
        ({"format_version": 1}, "enrol_request.no_encryption_key"),
        ({"encryption_key": base64.b64encode(bytes(range(32))).decode("ascii")}, "enrol_request.bad_signature"),
        ({"encryption_key": 5}, "enrol_request.bad_shape"),
        ({"phone": 912345678}, "enrol_request.bad_shape"),
    ],
)
def test_a_tampered_request_is_refused(
    field_sync: FieldSyncService, tmp_path: Path, change: dict[str, object], code: str
) -> None:
    written = field_sync.enrol_request(tmp_path / "request.json")
    if change.get("public_key") == "other":  # another key, with the fingerprint left as it was
        change = {"public_key": base64.b64encode(public_bytes(generate_private_key())).decode("ascii")}
    _tamper(written.path, change)
    with pytest.raises(DomainError) as caught:
        read_enrolment_request(written.path)
    assert caught.value.code == code


def test_a_swapped_key_with_its_own_fingerprint_still_fails_the_signature(
    field_sync: FieldSyncService, tmp_path: Path
) -> None:
    written = field_sync.enrol_request(tmp_path / "request.json")
    other = public_bytes(generate_private_key())
    _tamper(written.path, {"public_key": base64.b64encode(other).decode("ascii"), "fingerprint": fingerprint(other)})
    with pytest.raises(DomainError) as caught:
        read_enrolment_request(written.path)
    assert caught.value.code == "enrol_request.bad_signature"


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b"x" * 70_000])
def test_a_file_that_is_not_a_request_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "request.json"
    path.write_bytes(content)
    with pytest.raises(DomainError) as caught:
        read_enrolment_request(path)
    assert caught.value.code in ("enrol_request.unreadable", "enrol_request.bad_shape")


def test_a_missing_request_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        read_enrolment_request(tmp_path / "absent.json")
    assert caught.value.code == "enrol_request.unreadable"
