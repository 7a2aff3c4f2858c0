"""Enrolled collaborators: the keys the centre trusts, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kcfield.centre.collaborators import CentreCollaborators, find_by_fingerprint
from kcfield.centre.db import CentreDatabase
from kcfield.centre.models import CollaboratorStatus
from kcfield.domain.errors import DomainError
from kcfield.sync import keys

COMMUNES = (26596, 26680)  # two communes of the bundled list (Bà Rịa – Vũng Tàu → TP Hồ Chí Minh)


def new_public_key() -> bytes:
    return keys.public_bytes(keys.generate_private_key())


@pytest.fixture
def people(centre: CentreDatabase) -> CentreCollaborators:
    return CentreCollaborators(centre)


def _raises(code: str, call: Callable[[], object]) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code
    return caught.value


def test_register_then_look_up_the_key(people: CentreCollaborators) -> None:
    public = new_public_key()
    enrolled = people.register(" ctv001 ", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES)
    assert enrolled.code == "CTV001" and enrolled.active and enrolled.communes == COMMUNES
    assert enrolled.key_fingerprint == keys.fingerprint(public)
    assert people.key_for(enrolled.key_fingerprint) == public
    assert people.key_for(keys.fingerprint(new_public_key())) is None
    assert [p.code for p in people.enrolled()] == ["CTV001"]
    assert people.get("ctv001").full_name == "Nguyễn Thị Lan"


def test_enrolling_again_with_the_same_key_updates_the_communes(people: CentreCollaborators) -> None:
    public = new_public_key()
    people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES[:1])
    again = people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES)
    assert again.communes == COMMUNES and len(people.enrolled()) == 1


def test_another_key_for_an_enrolled_code_needs_rekeying(people: CentreCollaborators) -> None:
    old, new = new_public_key(), new_public_key()
    people.register("CTV001", "Nguyễn Thị Lan", old, "dev-a1", COMMUNES)
    error = _raises(
        "centre.collaborator_enrolled", lambda: people.register("CTV001", "Nguyễn Thị Lan", new, "dev-b2", COMMUNES)
    )
    assert error.params["fingerprint"] == keys.fingerprint(old)
    assert people.key_for(keys.fingerprint(old)) == old

    rekeyed = people.register("CTV001", "Nguyễn Thị Lan", new, "dev-b2", COMMUNES, rekey=True)
    assert rekeyed.device_id == "dev-b2" and rekeyed.key_fingerprint == keys.fingerprint(new)
    assert people.key_for(keys.fingerprint(old)) is None  # the old laptop's key is no longer trusted
    assert people.key_for(keys.fingerprint(new)) == new


def test_one_key_belongs_to_one_collaborator(people: CentreCollaborators) -> None:
    public = new_public_key()
    people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES)
    error = _raises("centre.key_in_use", lambda: people.register("CTV002", "Trần Văn Minh", public, "dev-a1", ()))
    assert error.params["collaborator"] == "CTV001"


def test_revoke_stops_trusting_the_key(people: CentreCollaborators, centre: CentreDatabase) -> None:
    public = new_public_key()
    fingerprint = people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES).key_fingerprint
    revoked = people.revoke("ctv001")
    assert revoked.status is CollaboratorStatus.REVOKED and revoked.revoked_at is not None
    assert people.key_for(fingerprint) is None
    with centre.read() as session:
        found = find_by_fingerprint(session, fingerprint)  # the importer can still say "revoked", not "unknown"
    assert found is not None and not found.active
    assert people.revoke("CTV001").revoked_at == revoked.revoked_at  # idempotent
    _raises("centre.key_revoked", lambda: people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES))
    assert people.key_for(fingerprint) is None


def test_revoking_an_unknown_code_is_refused(people: CentreCollaborators) -> None:
    _raises("centre.unknown_collaborator", lambda: people.revoke("CTV404"))
    _raises("centre.unknown_collaborator", lambda: people.get("CTV404"))


@pytest.mark.parametrize(
    ("code", "name", "key_length", "device", "communes", "expected"),
    [
        ("CTV 001", "Lan", 32, "dev", (), "centre.bad_code"),
        ("../x", "Lan", 32, "dev", (), "centre.bad_code"),
        ("", "Lan", 32, "dev", (), "centre.bad_code"),
        ("CTV001", "  ", 32, "dev", (), "centre.bad_name"),
        ("CTV001", "Lan", 31, "dev", (), "centre.bad_public_key"),
        ("CTV001", "Lan", 32, "", (), "centre.bad_device"),
        ("CTV001", "Lan", 32, "dev", (99999999,), "centre.unknown_commune"),
    ],
)
def test_bad_enrolments_are_refused_and_change_nothing(
    people: CentreCollaborators,
    code: str,
    name: str,
    key_length: int,
    device: str,
    communes: tuple[int, ...],
    expected: str,
) -> None:
    public = new_public_key()[:key_length]
    _raises(expected, lambda: people.register(code, name, public, device, communes))
    assert people.enrolled() == []


def test_the_encryption_key_is_kept_checked_and_dropped_with_its_signing_key(centre: CentreDatabase) -> None:
    people = CentreCollaborators(centre)
    signing = keys.generate_private_key()
    public, encryption = keys.public_bytes(signing), keys.encryption_public_bytes(signing)
    _raises(
        "centre.bad_encryption_key",
        lambda: people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES, encryption_key=bytes(32)),
    )
    assert people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES).encryption_key is None
    assert people.get("CTV001").encryption_key is None  # enrolled by an older version: nothing can be sent yet
    again = people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES, encryption_key=encryption)
    assert again.encryption_key == encryption == people.get("CTV001").encryption_key
    assert people.register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", COMMUNES).encryption_key == encryption
    new = keys.generate_private_key()
    rekeyed = people.register("CTV001", "Nguyễn Thị Lan", keys.public_bytes(new), "dev-b2", COMMUNES, rekey=True)
    assert rekeyed.encryption_key is None  # the old one belonged to the old key
