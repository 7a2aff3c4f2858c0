"""The centre and withheld personal fields: a withheld field never clears the centre's value, what the centre
sends back withholds what it does not collect, and ``kcfield-centre personal-data`` shows and sets the choice."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select

from kcfield.centre.db import CentreDatabase
from kcfield.centre.history import revision_data
from kcfield.centre.identity import load_identity
from kcfield.centre.importer import CentreImporter, RecordOutcome
from kcfield.centre.reference_data import (
    PERSONAL_DATA_MEMBER,
    collected_fields,
    published_datasets,
    set_collected_fields,
)
from kcfield.cli import centre_main, main
from kcfield.domain.errors import DomainError
from kcfield.domain.personal import DEFAULT_COLLECT
from kcfield.store.models import EstablishmentRow
from kcfield.sync.manifest import Party
from tests.centre.conftest import CentreTarget
from tests.centre.test_two_laptops import COMMUNES

PERSONAL_ID = "079203001234"
NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def _line(record_id: UUID, base: int, withheld: bool = True, **fields: Any) -> dict[str, Any]:
    values = {"name": "Cơ sở gốm Tân Hạnh", "kind": "HKD", "commune_code": 26596, "village": "", "rep_phone": ""}
    values.update(fields)
    line: dict[str, Any] = {
        "id": str(record_id),
        "base_revision": base,
        "local_edits": 1,
        "deleted": False,
        "created_at": NOW.isoformat(),
        "created_by": "CTV001",
        "updated_at": NOW.isoformat(),
        "updated_by": "CTV001",
        "fields": values,
    }
    if withheld:
        line["withheld"] = ["rep_personal_id"]
    return line


def _apply(importer: CentreImporter, centre: CentreDatabase, device: str, line: dict[str, Any]) -> RecordOutcome:
    sender = Party("collaborator", "CTV001", device, "fp")
    with centre.write() as session:
        [outcome] = importer._apply_entity(session, "establishment", [line], uuid4().hex, sender, NOW)
    return outcome


def _personal_id(centre: CentreDatabase, record_id: UUID) -> str:
    with centre.read() as session:
        row = session.get(EstablishmentRow, record_id)
        assert row is not None
        return str(row.rep_personal_id)


@pytest.fixture
def importer(target: CentreTarget, centre: CentreDatabase, tmp_path: Path) -> CentreImporter:
    return CentreImporter(centre, load_identity(centre, target.key_path), tmp_path / "receipts", tmp_path / "att")


def test_a_withheld_field_keeps_the_centre_value_on_fast_forward_and_merge(
    importer: CentreImporter, centre: CentreDatabase
) -> None:
    record = uuid4()
    # The centre holds a personal ID (sent when it still collected them, or typed in at the centre).
    first = _apply(importer, centre, "dev-a", _line(record, 0, withheld=False, rep_personal_id=PERSONAL_ID))
    assert first.outcome == "applied" and _personal_id(centre, record) == PERSONAL_ID
    # A laptop that does not send it edits the village: the centre's number stays.
    second = _apply(importer, centre, "dev-a", _line(record, 1, village="Ấp Bắc"))
    assert (second.outcome, second.revision) == ("applied", 2)
    assert _personal_id(centre, record) == PERSONAL_ID
    with centre.read() as session:
        stored = revision_data(session, "establishment", record, 2)
    assert stored is not None and stored["fields"]["rep_personal_id"] == PERSONAL_ID and "withheld" not in stored
    # Another laptop, from revision 1, edits another field: a three-way merge, and still the same number.
    third = _apply(importer, centre, "dev-b", _line(record, 1, main_products="Gốm"))
    assert third.outcome == "merged" and _personal_id(centre, record) == PERSONAL_ID
    # The merged copy goes back in the receipt without the number the centre does not collect.
    assert third.line is not None and third.line["withheld"] == ["rep_personal_id"]
    assert "rep_personal_id" not in third.line["fields"] and third.line["fields"]["village"] == "Ấp Bắc"


def test_a_new_record_with_a_withheld_field_has_none_at_the_centre(
    importer: CentreImporter, centre: CentreDatabase
) -> None:
    record = uuid4()
    line = _line(record, 0)
    line["fields"]["rep_personal_id"] = PERSONAL_ID  # a line that says it withholds a value it carries
    assert _apply(importer, centre, "dev-a", line).outcome == "applied"
    assert _personal_id(centre, record) == ""  # withheld means withheld: the value in it is not taken


def test_only_personal_fields_can_be_withheld(importer: CentreImporter, centre: CentreDatabase) -> None:
    record = uuid4()
    _apply(importer, centre, "dev-a", _line(record, 0, withheld=False, village="Ấp Bắc"))
    line = _line(record, 1, village="Ấp Nam")
    line["withheld"] = ["village", 7, {"x": 1}]  # not personal data, not even names: ignored
    assert _apply(importer, centre, "dev-a", line).outcome == "applied"
    with centre.read() as session:
        row = session.get(EstablishmentRow, record)
        assert row is not None and row.village == "Ấp Nam"


def test_the_setting_defaults_travels_and_refuses_unknown_fields(centre: CentreDatabase) -> None:
    with centre.read() as session:
        assert collected_fields(session) == DEFAULT_COLLECT
        assert json.loads(published_datasets(session)[PERSONAL_DATA_MEMBER]) == {"collect": sorted(DEFAULT_COLLECT)}
    set_collected_fields(centre, ["rep_phone", "rep_personal_id"])
    with centre.read() as session:
        assert collected_fields(session) == {"rep_phone", "rep_personal_id"}
        assert json.loads(published_datasets(session)[PERSONAL_DATA_MEMBER]) == {
            "collect": ["rep_personal_id", "rep_phone"]
        }
    with pytest.raises(DomainError) as raised:
        set_collected_fields(centre, ["rep_phone", "tax_code"])
    assert raised.value.code == "personal.unknown_field" and raised.value.params["name"] == "tax_code"


def test_the_personal_data_command(target: CentreTarget, capsys: pytest.CaptureFixture[str]) -> None:
    assert centre_main(["--lang", "en", *target.argv(), "personal-data"]) == 0
    out = capsys.readouterr().out
    assert "collects: rep_email, rep_phone, respondent_phone." in out and "do not send them): rep_personal_id" in out
    argv = ["--lang", "en", *target.argv(), "personal-data", "--collect", "rep_phone,rep_personal_id"]
    assert centre_main(argv) == 0
    assert "collects: rep_personal_id, rep_phone." in capsys.readouterr().out
    assert centre_main(["--lang", "en", *target.argv(), "personal-data", "--collect", "cccd"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "There is no personal data field 'cccd'" in err
    assert centre_main(["--lang", "en", *target.argv(), "personal-data", "--collect", ""]) == 0
    assert "collects: (none)." in capsys.readouterr().out


def test_personal_ids_stay_on_the_laptop_until_the_centre_collects_them(
    empty_target: CentreTarget, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One laptop and the centre, through folders and the command line, as in tests/centre/test_two_laptops.py."""
    target, laptop = empty_target, tmp_path / "laptop"
    usb, receipts, reference = tmp_path / "usb", tmp_path / "receipts", tmp_path / "reference"
    for folder in (usb, receipts, reference):
        folder.mkdir()

    def field(*argv: str) -> None:
        assert main(["--lang", "en", "--data-dir", str(laptop), *argv]) == 0, argv

    def centre(*argv: str) -> None:
        assert centre_main(["--lang", "en", *target.argv(), *argv]) == 0, argv

    def exchange() -> None:
        field("export", "--out", str(usb))
        centre("import", *(str(p) for p in sorted(usb.glob("*.kcpkg"))), "--out", str(receipts))
        for package in sorted(receipts.glob("*.kcpkg")):
            field("import", str(package))
            package.unlink()
        for package in usb.glob("*.kcpkg"):
            package.unlink()
        centre("reference", "--collaborator", "CTV001", "--out", str(reference / "ref.kcpkg"))
        field("import", str(reference / "ref.kcpkg"))
        capsys.readouterr()

    def laptop_ids() -> dict[str, str]:
        with sqlite3.connect(laptop / "kcfield.db") as db:
            return dict(db.execute("SELECT id, rep_personal_id FROM establishments WHERE rep_personal_id != ''"))

    def centre_ids() -> set[str]:
        with target.open() as db, db.read() as session:
            return set(session.scalars(select(EstablishmentRow.rep_personal_id)))

    centre("init")
    field("profile", "--code", "CTV001", "--name", "Nguyễn Thị Lan")
    field("demo", "--establishments", "12", "--seed", "4", "--unsynced")
    field("enrol-request", "--out", str(tmp_path / "CTV001.json"))
    centre("enrol", str(tmp_path / "CTV001.json"), "--communes", COMMUNES, "--out", str(tmp_path / "welcome.kcpkg"))
    field("import", str(tmp_path / "welcome.kcpkg"))
    local = laptop_ids()
    assert local  # the demo gives about half of the representatives a personal ID
    exchange()
    # The centre has every establishment but no personal ID; the laptop, synced and clean, still has them all.
    assert centre_ids() == {""}
    assert laptop_ids() == local
    with sqlite3.connect(laptop / "kcfield.db") as db:
        assert db.execute("SELECT count(*) FROM establishments WHERE local_edits > exported_edits").fetchone() == (0,)
        [(record,)] = db.execute("SELECT id FROM establishments WHERE rep_personal_id != '' LIMIT 1").fetchall()
    # An edit at the laptop of another field, synced and brought back by a reference package: the ID stays.
    field("edit", str(record), "village=Ấp Mới")
    exchange()
    assert laptop_ids() == local and centre_ids() == {""}
    # The centre starts collecting personal IDs: the next reference package says so, the laptop sends them.
    centre("personal-data", "--collect", "rep_phone,rep_email,respondent_phone,rep_personal_id")
    centre("reference", "--collaborator", "CTV001", "--out", str(reference / "ref.kcpkg"))
    field("import", str(reference / "ref.kcpkg"))
    exchange()
    assert centre_ids() - {""} == set(local.values())
    assert laptop_ids() == local
