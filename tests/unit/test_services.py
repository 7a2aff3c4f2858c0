"""Services: one transaction per change, an audit event with each, domain objects out, bad input refused."""

from __future__ import annotations

import dataclasses
from datetime import date
from uuid import UUID

import pytest
from sqlalchemy import func, select, update

from kcfield.domain.enums import (
    ChecklistAnswer,
    CPInputCategory,
    CPOutputCategory,
    EstablishmentKind,
    SizeClass,
    TaxCodeKind,
    VisitStatus,
)
from kcfield.domain.errors import Conflict, DomainError, NotFound, ValidationFailed
from kcfield.domain.messages import describe_error
from kcfield.domain.model import (
    AuditEvent,
    CPAssessment,
    CPChecklistEntry,
    CPInput,
    CPOption,
    CPOutput,
    EquipmentNeed,
    Establishment,
    Visit,
)
from kcfield.services.container import Services
from kcfield.store.audit import to_domain
from kcfield.store.models import AuditEventRow, EstablishmentRow

CHAU_DUC = 26596  # Xã Châu Đức, Hồ Chí Minh City
VUNG_TAU = 26506  # Phường Vũng Tàu


def _draft(**changes: object) -> Establishment:
    base = Establishment(
        name="Cơ sở chế biến hải sản Tư Hùng",
        kind=EstablishmentKind.ENTERPRISE,
        tax_code="0100109106",
        tax_code_kind=TaxCodeKind.ENTERPRISE,
        rep_name="Trần Văn Hùng",
        rep_phone="0912 345 678",
        province_code=79,
        commune_code=CHAU_DUC,
        village="Ấp Bắc",
        workers_total=12,
        workers_insured=8,
        revenue_prev_year_vnd=2_500_000_000,
        total_capital_vnd=1_000_000_000,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _audit_rows(services: Services) -> list[AuditEvent]:
    with services.ctx.store.read() as session:
        return [to_domain(r) for r in session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq))]


def test_create_returns_a_frozen_domain_object_with_sync_metadata(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    assert isinstance(est, Establishment) and isinstance(est.id, UUID) and est.id.version == 7
    assert est.meta is not None
    assert (est.meta.base_revision, est.meta.local_edits, est.meta.exported_edits) == (0, 1, 0)
    assert est.meta.created_by == "CTV001" and est.meta.created_at is not None
    assert est.meta.created_at.tzinfo is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        est.name = "x"  # type: ignore[misc]
    assert profiled.establishments.get(est.id) == est


def test_text_is_stored_in_nfc(profiled: Services) -> None:
    decomposed = "Co\u031b so\u031b\u0309 ĐÔ\u0300NG"  # "Cơ sở ĐỒNG" typed as decomposed marks
    est = profiled.establishments.create(_draft(name=decomposed))
    assert est.name == "Cơ sở ĐỒNG"


def test_each_change_writes_one_chained_audit_event_in_its_transaction(profiled: Services) -> None:
    before = len(_audit_rows(profiled))
    est = profiled.establishments.create(_draft())
    changed = profiled.establishments.update(dataclasses.replace(est, village="Ấp Nam"))
    assert changed.meta is not None and changed.meta.local_edits == 2
    rows = _audit_rows(profiled)[before:]
    assert [r.action for r in rows] == ["create", "update"]
    assert rows[1].changes == {"village": ["Ấp Bắc", "Ấp Nam"]}
    assert rows[1].prev_hash == rows[0].hash
    profiled.audit.verify()


def test_an_update_that_changes_nothing_writes_nothing(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    count = profiled.audit.count()
    again = profiled.establishments.update(est)
    assert again.meta is not None and again.meta.local_edits == 1
    assert profiled.audit.count() == count


def test_tampering_with_the_audit_log_is_detected(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    profiled.establishments.update(dataclasses.replace(est, village="Ấp Nam"))
    with profiled.ctx.store.write() as session:
        target = session.scalar(select(func.max(AuditEventRow.seq)))
        session.execute(
            update(AuditEventRow).where(AuditEventRow.seq == target).values(changes={"village": ["x", "y"]})
        )
    with pytest.raises(DomainError) as caught:
        profiled.audit.verify()
    assert caught.value.code == "audit.chain_broken" and caught.value.params["seq"] == target


def test_invalid_tax_code_is_refused_naming_field_and_rule_and_nothing_is_written(profiled: Services) -> None:
    count, events = profiled.establishments.count(), profiled.audit.count()
    with pytest.raises(ValidationFailed) as caught:
        profiled.establishments.create(_draft(tax_code="0100109107"))
    problem = next(p for p in caught.value.problems if p.field == "tax_code")
    assert problem.code == "tax_code.check_digit"
    message = describe_error(caught.value)
    assert "Mã số thuế" in message and "6" in message  # the field and the expected check digit
    assert "Tax code" in describe_error(caught.value, "en")
    assert (profiled.establishments.count(), profiled.audit.count()) == (count, events)


def test_real_tax_codes_pass(profiled: Services) -> None:
    for code in ("0100109106", "0300588569"):
        profiled.establishments.create(_draft(tax_code=code, name=f"Cơ sở {code}"))


def test_commune_must_belong_to_the_province(profiled: Services) -> None:
    with pytest.raises(ValidationFailed) as caught:
        profiled.establishments.create(_draft(province_code=75))  # Đồng Nai, but the commune is in HCMC
    assert any(p.code == "reference.commune_not_in_province" for p in caught.value.problems)
    assert "Xã Châu Đức" in describe_error(caught.value)


def test_province_is_filled_from_the_commune(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(province_code=None))
    assert est.province_code == 79


def test_soft_delete_and_restore(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    assert est.id is not None
    deleted = profiled.establishments.delete(est.id)
    assert deleted.meta is not None and deleted.meta.deleted
    assert profiled.establishments.count() == 0
    assert profiled.establishments.count(include_deleted=True) == 1
    with pytest.raises(DomainError) as caught:
        profiled.establishments.update(dataclasses.replace(est, village="Ấp Nam"))
    assert caught.value.code == "record.deleted"
    restored = profiled.establishments.restore(est.id)
    assert restored.meta is not None and not restored.meta.deleted and restored.meta.local_edits == 3
    assert [e.action for e in profiled.audit.history(str(est.id))] == ["create", "delete", "restore"]


def test_missing_record_is_a_clear_error(profiled: Services) -> None:
    missing = UUID("01900000-0000-7000-8000-000000000000")
    with pytest.raises(NotFound) as caught:
        profiled.establishments.get(missing)
    assert str(missing) in describe_error(caught.value)


def test_search_and_sort_columns_are_kept(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(name="Hợp tác xã Đất Đỏ"))
    with profiled.ctx.store.read() as session:
        row = session.get(EstablishmentRow, est.id)
        assert row is not None
        assert "hop tac xa dat do" in row.search_text and "chau duc" in row.search_text
        found = session.scalar(
            select(func.count()).select_from(EstablishmentRow).where(EstablishmentRow.search_text.like("%dat do%"))
        )
    assert found == 1


def test_facts_are_derived_and_explained(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    facts = profiled.establishments.facts(est, on=date(2026, 1, 10))
    assert facts.size.size is SizeClass.MICRO
    assert facts.eligibility.eligible is True
    ward = profiled.establishments.create(_draft(commune_code=VUNG_TAU, name="Cơ sở ở phường"))
    ward_facts = profiled.establishments.facts(ward, on=date(2026, 1, 10))
    assert ward_facts.eligibility.eligible is False


def test_visit_lifecycle_final_is_locked_and_keeps_a_snapshot(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    assert est.id is not None
    visit = profiled.visits.create(Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), purpose="Khảo sát"))
    assert visit.collaborator_code == "CTV001" and visit.status is VisitStatus.DRAFT
    final = profiled.visits.finalise(visit.id)  # type: ignore[arg-type]
    assert final.status is VisitStatus.FINAL and final.profile_snapshot is not None
    assert final.profile_snapshot["village"] == "Ấp Bắc" and final.profile_snapshot["workers_insured"] == 8
    profiled.establishments.update(dataclasses.replace(est, village="Ấp Nam"))
    assert profiled.visits.get(final.id).profile_snapshot["village"] == "Ấp Bắc"  # type: ignore[arg-type,index]
    with pytest.raises(Conflict):
        profiled.visits.update(dataclasses.replace(final, purpose="Sửa"))
    amendment = profiled.visits.amend(final.id)  # type: ignore[arg-type]
    assert amendment.amends_visit_id == final.id and amendment.status is VisitStatus.DRAFT
    assert profiled.visits.get(final.id).purpose == "Khảo sát"  # type: ignore[arg-type]


def test_visit_needs_a_date(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    with pytest.raises(ValidationFailed) as caught:
        profiled.visits.create(Visit(establishment_id=est.id))
    assert any(p.field == "visit_date" for p in caught.value.problems)


def test_equipment_need_roundtrip_and_checks(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    need = profiled.needs.create(
        EquipmentNeed(
            establishment_id=est.id, equipment_name="Máy sấy bơm nhiệt", quantity=2, unit_price_vnd=150_000_000
        )
    )
    assert need.cost_vnd == 300_000_000
    assert profiled.needs.of_establishment(est.id) == [need]  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed):
        profiled.needs.create(EquipmentNeed(establishment_id=est.id, equipment_name="", quantity=0))


def test_cp_assessment_is_saved_whole(profiled: Services) -> None:
    est = profiled.establishments.create(_draft())
    draft = CPAssessment(
        establishment_id=est.id,
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
    saved = profiled.assessments.create(draft)
    assert [i.name for i in saved.inputs] == ["Điện năng", "Nước"]
    assert saved.checklist[0].answer is ChecklistAnswer.NO
    changed = profiled.assessments.update(dataclasses.replace(saved, inputs=saved.inputs[:1]))
    assert len(changed.inputs) == 1 and changed.meta is not None and changed.meta.local_edits == 2
    assert profiled.assessments.get(saved.id) == changed  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed):
        profiled.assessments.create(dataclasses.replace(draft, options=(CPOption(9, "x"),)))


def test_collaborator_profile_sets_the_author(services: Services) -> None:
    assert services.collaborators.local_user() is None
    user = services.collaborators.save_local_user("ctv007", "Lê Văn Tám", "0987654321", 79, (26596,))
    assert user.code == "CTV007" and len(user.device_id) == 16
    est = services.establishments.create(_draft())
    assert est.meta is not None and est.meta.created_by == "CTV007"
    with pytest.raises(ValidationFailed):
        services.collaborators.save_local_user("", "x")


def test_derived_columns_follow_the_rules_in_force(profiled: Services) -> None:
    est = profiled.establishments.create(_draft(commune_code=VUNG_TAU, name="Cơ sở ở phường Vũng Tàu"))
    with profiled.ctx.store.read() as session:
        row = session.get(EstablishmentRow, est.id)
        assert row is not None and (row.size_class, row.cnnt_eligible) == ("micro", "no")
    stamp = profiled.establishments.derived_facts_outdated()
    assert stamp is not None  # never refreshed in this store
    with profiled.ctx.store.write() as session:  # pretend an older rule computed it
        session.execute(update(EstablishmentRow).values(cnnt_eligible="yes", size_class="unknown"))
    assert profiled.establishments.refresh_derived(stamp) == 1
    assert profiled.establishments.derived_facts_outdated() is None
    with profiled.ctx.store.read() as session:
        row = session.get(EstablishmentRow, est.id)
        assert row is not None and (row.size_class, row.cnnt_eligible) == ("micro", "no")


def test_registry_search_typing_forward_gives_the_same_answers_as_a_fresh_search(profiled: Services) -> None:
    """Typing forward narrows the previous result; the answer must equal a search from scratch."""
    from kcfield.services.demo import DemoService
    from kcfield.services.registry import RegistryQuery, RegistryService, SortColumn

    DemoService(profiled.ctx, profiled.reference).generate(600, 5)
    typing = profiled.registry
    for phrase in ("nguyen van hung", "co so che bien", "hop tac xa dat do", "a b c d"):
        for end in range(1, len(phrase) + 1):
            for sort in (SortColumn.NAME, SortColumn.REP_NAME):
                query = RegistryQuery(text=phrase[:end], sort=sort)
                fresh = RegistryService(profiled.ctx, profiled.reference).search(query)
                assert typing.search(query) == fresh, (phrase[:end], sort)
    # a pasted phrase of several words after one letter, and a filter change in between
    assert typing.search(RegistryQuery(text="c")) == RegistryService(profiled.ctx, profiled.reference).search(
        RegistryQuery(text="c")
    )
    pasted = RegistryQuery(text="co so che bien")
    assert typing.search(pasted) == RegistryService(profiled.ctx, profiled.reference).search(pasted)
    commune = typing.communes_in_use()[0]
    filtered = RegistryQuery(text="co so che bien", commune_code=commune)
    assert typing.search(filtered) == RegistryService(profiled.ctx, profiled.reference).search(filtered)
