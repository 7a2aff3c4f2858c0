"""Personal data the centre does not collect stays on the laptop: export lines withhold it, and a centre copy
that replaces a clean local one (reference package, receipt) never clears it."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from kcfield.domain.model import Visit
from kcfield.services import sync_state
from kcfield.services.container import Services
from kcfield.services.sync_records import PERSONAL_DATA_STATE, collect_pending
from kcfield.store.models import EstablishmentRow, SyncStateRow
from tests.conftest import CentreKeys
from tests.unit.test_services import _draft

PERSONAL_ID = "079203001234"


def _lines(services: Services, entity: str) -> list[dict[str, Any]]:
    with services.ctx.store.read() as session:
        pending = collect_pending(session, 0)
    return [json.loads(line) for line in pending.lines.get(entity, [])]


def _audit(services: Services) -> list[dict[str, Any]]:
    with services.ctx.store.read() as session:
        pending = collect_pending(session, 0)
    return [json.loads(line) for line in pending.audit_lines]


def _centre_collects(services: Services, *names: str) -> None:
    with services.ctx.store.write() as session:
        sync_state.set_state(session, {PERSONAL_DATA_STATE: json.dumps(sorted(names))})


def _row(services: Services, record_id: Any) -> EstablishmentRow:
    with services.ctx.store.read() as session:
        row = session.get(EstablishmentRow, record_id)
        assert row is not None
        session.expunge(row)
        return row


def test_by_default_the_personal_id_is_withheld_and_phones_travel(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    assert est.id is not None
    profiled.visits.create(
        Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), purpose="Khảo sát", respondent_phone="0987654321")
    )
    [line] = _lines(profiled, "establishment")
    assert "rep_personal_id" not in line["fields"] and line["withheld"] == ["rep_personal_id"]
    assert line["fields"]["rep_phone"] == est.rep_phone and est.rep_phone
    [visit] = _lines(profiled, "visit")
    assert visit["fields"]["respondent_phone"] == "0987654321" and "withheld" not in visit
    # The audit events say nothing of it either: the value is taken out, the name is listed.
    created = [e for e in _audit(profiled) if e["entity"] == "establishment"]
    assert created and all("rep_personal_id" not in e["changes"] for e in created)
    assert created[0]["withheld"] == ["rep_personal_id"]
    assert PERSONAL_ID not in json.dumps(_audit(profiled))


def test_an_empty_personal_id_is_withheld_too(profiled: Services) -> None:
    profiled.establishments.create(_draft())
    [line] = _lines(profiled, "establishment")
    assert line["withheld"] == ["rep_personal_id"]  # the line says nothing about it, empty or not


def test_when_the_centre_asks_for_the_personal_id_it_travels(profiled: Services) -> None:
    profiled.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    _centre_collects(profiled, "rep_phone", "rep_personal_id", "rep_email", "respondent_phone")
    [line] = _lines(profiled, "establishment")
    assert line["fields"]["rep_personal_id"] == PERSONAL_ID and "withheld" not in line


def test_when_the_centre_collects_no_phone_none_travels(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    assert est.id is not None
    profiled.visits.create(
        Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), purpose="Khảo sát", respondent_phone="0987654321")
    )
    _centre_collects(profiled)
    [line] = _lines(profiled, "establishment")
    assert line["withheld"] == ["rep_email", "rep_personal_id", "rep_phone"]
    assert not {"rep_email", "rep_personal_id", "rep_phone"} & line["fields"].keys()
    [visit] = _lines(profiled, "visit")
    assert visit["withheld"] == ["respondent_phone"] and "respondent_phone" not in visit["fields"]
    assert "0987654321" not in json.dumps(_audit(profiled))


def test_a_finalised_visit_withholds_the_personal_id_in_its_profile_snapshot(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    assert est.id is not None
    visit = profiled.visits.create(
        Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), purpose="Khảo sát", consent=True)
    )
    assert visit.id is not None
    final = profiled.visits.finalise(visit.id)
    assert final.profile_snapshot is not None and final.profile_snapshot["rep_personal_id"] == PERSONAL_ID
    [line] = _lines(profiled, "visit")
    assert line["withheld"] == ["profile_snapshot.rep_personal_id"]
    assert "rep_personal_id" not in line["fields"]["profile_snapshot"]
    assert line["fields"]["profile_snapshot"]["rep_phone"] == est.rep_phone
    assert PERSONAL_ID not in json.dumps(_lines(profiled, "visit")) + json.dumps(_audit(profiled))


def _centre_line(record_id: Any, base_revision: int, **fields: Any) -> dict[str, Any]:
    draft = {
        "name": "Cơ sở chế biến hải sản Tư Hùng",
        "kind": "DN",
        "province_code": 79,
        "commune_code": _draft().commune_code,
        "village": "Ấp Nam",
        "rep_phone": "0912345678",
    }
    draft.update(fields)
    return {
        "id": str(record_id),
        "base_revision": base_revision,
        "deleted": False,
        "created_at": "2026-11-26T03:00:00+00:00",
        "created_by": "CTV001",
        "updated_at": "2026-11-26T04:00:00+00:00",
        "updated_by": "TTKC",
        "fields": draft,
        "withheld": ["rep_personal_id"],
    }


def _mark_exported(services: Services, record_id: Any, base_revision: int) -> None:
    with services.ctx.store.write() as session:
        row = session.get(EstablishmentRow, record_id)
        assert row is not None
        row.exported_edits, row.base_revision = row.local_edits, base_revision


def test_a_reference_line_replacing_a_clean_copy_keeps_the_local_personal_id(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    assert est.id is not None
    _mark_exported(profiled, est.id, 1)  # sent, and the receipt said "applied at revision 1": clean
    counts: dict[str, int] = {}
    with profiled.ctx.store.write() as session:
        profiled.sync_import._apply_reference_lines(session, "establishment", [_centre_line(est.id, 2)], counts)
    assert counts == {"updated": 1}
    row = _row(profiled, est.id)
    assert row.village == "Ấp Nam" and row.base_revision == 2  # the centre's copy was taken …
    assert row.rep_personal_id == PERSONAL_ID  # … but not over the withheld field
    assert row.local_edits == row.exported_edits  # and the record stays clean


def test_a_field_the_centre_does_not_collect_is_kept_even_when_a_line_carries_it(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    assert est.id is not None
    _mark_exported(profiled, est.id, 1)
    line = _centre_line(est.id, 2, rep_personal_id="")
    del line["withheld"]  # an older centre, or a line written by hand: the laptop's setting still holds
    with profiled.ctx.store.write() as session:
        profiled.sync_import._apply_reference_lines(session, "establishment", [line], {})
    assert _row(profiled, est.id).rep_personal_id == PERSONAL_ID


def test_a_merged_receipt_line_keeps_the_local_personal_id(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    assert est.id is not None
    _mark_exported(profiled, est.id, 0)
    record = {"entity": "establishment", "id": str(est.id), "outcome": "merged", "revision": 3}
    record["line"] = _centre_line(est.id, 3)
    with profiled.ctx.store.write() as session:
        profiled.sync_import._apply_receipt_records(session, "establishment", [record])
    row = _row(profiled, est.id)
    assert (row.village, row.base_revision, row.rep_personal_id) == ("Ấp Nam", 3, PERSONAL_ID)


def test_a_field_the_centre_starts_collecting_is_sent_again(profiled: Services) -> None:
    with_id = profiled.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    without = profiled.establishments.create(_draft(name="Cơ sở mộc Hưng Thịnh", tax_code="0300588569"))
    for est in (with_id, without):
        _mark_exported(profiled, est.id, 1)
    assert _lines(profiled, "establishment") == []
    with profiled.ctx.store.write() as session:
        profiled.sync_import._apply_personal_data(
            session, {"collect": ["rep_phone", "rep_personal_id", "rep_email", "respondent_phone"]}, "ref.kcpkg"
        )
        # A centre line of the same record (the centre never had the number) does not replace it meanwhile.
        line = _centre_line(with_id.id, 2)
        del line["withheld"]
        line["fields"]["rep_personal_id"] = ""
        counts: dict[str, int] = {}
        profiled.sync_import._apply_reference_lines(session, "establishment", [line], counts)
    assert counts == {"kept": 1}
    [line] = _lines(profiled, "establishment")
    assert line["id"] == str(with_id.id) and line["fields"]["rep_personal_id"] == PERSONAL_ID
    with profiled.ctx.store.read() as session:
        stored = session.scalar(select(SyncStateRow.value).where(SyncStateRow.key == PERSONAL_DATA_STATE))
    assert stored is not None and json.loads(stored) == sorted(
        ["rep_phone", "rep_personal_id", "rep_email", "respondent_phone"]
    )


# --- whole exports (the package the centre opens) ----------------------------------------------------------------


def _exported(services: Services, centre_keys: CentreKeys) -> tuple[list[dict[str, Any]], bytes]:
    result = services.sync_field.export()
    assert result is not None
    with centre_keys.read(result.path) as package:
        lines = package.records("establishment")
        everything = b"".join(package.member(name) for name in package.names if not name.startswith("attach"))
    return lines, everything


def test_an_exported_package_withholds_the_personal_id_by_default(trusted: Services, centre_keys: CentreKeys) -> None:
    trusted.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    [line], everything = _exported(trusted, centre_keys)
    assert line["withheld"] == ["rep_personal_id"] and "rep_personal_id" not in line["fields"]
    assert line["fields"]["rep_phone"]  # phones are collected by default
    assert PERSONAL_ID.encode() not in everything  # not in the records, not in the audit events


def test_an_exported_package_carries_the_personal_id_when_the_centre_asks(
    trusted: Services, centre_keys: CentreKeys
) -> None:
    trusted.establishments.create(_draft(rep_personal_id=PERSONAL_ID))
    _centre_collects(trusted, "rep_phone", "rep_personal_id")
    [line], everything = _exported(trusted, centre_keys)
    assert line["fields"]["rep_personal_id"] == PERSONAL_ID
    assert line["withheld"] == ["rep_email"]  # what the centre did not name stays here
    assert PERSONAL_ID.encode() in everything
