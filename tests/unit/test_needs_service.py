"""EquipmentNeedService: the allowed support under the rules in force, list rows and totals."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date
from typing import Any

import pytest

from kcfield.domain.model import EquipmentNeed, Establishment, Visit
from kcfield.domain.rules import SupportRules
from kcfield.services.container import Services
from kcfield.services.needs import EquipmentNeedService

CHAU_DUC = 26596
VUNG_TAU = 26506
M = 1_000_000


def _est(services: Services, name: str, commune: int = CHAU_DUC) -> Establishment:
    return services.establishments.create(Establishment(name=name, province_code=79, commune_code=commune))


def _need(est: Establishment, price: int, **changes: Any) -> EquipmentNeed:
    base = EquipmentNeed(establishment_id=est.id, equipment_name="Dây chuyền sấy", unit_price_vnd=price)
    return dataclasses.replace(base, **changes)


def test_a_technology_line_is_capped_at_one_and_a_half_times_the_cap(profiled: Services) -> None:
    est = _est(profiled, "Cơ sở Tư Hùng")
    need = profiled.needs.create(_need(est, 1_200 * M, is_technology_line=True))
    a = profiled.needs.assess(need)
    assert (a.allowed_vnd, a.percent_amount_vnd, a.cap_vnd, a.capped) == (450 * M, 600 * M, 450 * M, True)
    assert "28/2018" in a.legal_basis


def test_the_visit_date_chooses_the_rule_set(profiled: Services) -> None:
    est = _est(profiled, "Cơ sở Tư Hùng")
    assert est.id is not None
    visit = profiled.visits.create(Visit(establishment_id=est.id, visit_date=date(2016, 3, 1)))
    need = profiled.needs.create(_need(est, 1_200 * M, visit_id=visit.id))
    assert profiled.needs.assess(need).allowed_vnd == 200 * M  # Joint Circular 26/2014: cap 200 million
    assert profiled.needs.assess(dataclasses.replace(need, visit_id=None), date(2016, 3, 1)).allowed_vnd == 200 * M
    assert profiled.needs.assess(dataclasses.replace(need, visit_id=None)).allowed_vnd == 300 * M
    (item,) = profiled.needs.list(est.id)
    assert item.assessment.allowed_vnd == 200 * M


def test_a_not_new_machine_is_refused(profiled: Services) -> None:
    est = _est(profiled, "Cơ sở Tư Hùng")
    a = profiled.needs.assess(_need(est, 100 * M, is_new=False))
    assert a.refused and a.allowed_vnd == 0


def test_list_and_totals(profiled: Services) -> None:
    a = _est(profiled, "Cơ sở An")
    b = _est(profiled, "Cơ sở Bình", VUNG_TAU)
    assert a.id is not None and b.id is not None
    profiled.needs.create(_need(a, 1_200 * M, is_technology_line=True, requested_support_vnd=500 * M))
    profiled.needs.create(_need(a, 100 * M, requested_support_vnd=40 * M))
    profiled.needs.create(_need(b, 10 * M, is_new=False))
    items = profiled.needs.list()
    assert [i.establishment_name for i in items] == ["Cơ sở An", "Cơ sở An", "Cơ sở Bình"]
    assert items[0].commune_name == "Xã Châu Đức"
    totals = profiled.needs.totals_by_establishment(a.id)
    assert (totals.count, totals.cost_vnd, totals.requested_vnd, totals.allowed_vnd) == (
        2,
        1_300 * M,
        540 * M,
        490 * M,
    )
    by_commune = profiled.needs.totals_by_commune()
    assert [(code, t.count, t.allowed_vnd, t.refused_count) for code, _name, t in by_commune] == [
        (VUNG_TAU, 1, 0, 1),  # by commune name: "Phường Vũng Tàu" before "Xã Châu Đức"
        (CHAU_DUC, 2, 490 * M, 0),
    ]
    assert by_commune[1][1] == "Xã Châu Đức"


def test_a_changed_rule_set_changes_the_amount(profiled: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    est = _est(profiled, "Cơ sở Tư Hùng")
    need = profiled.needs.create(_need(est, 1_200 * M, is_technology_line=True))
    raw = copy.deepcopy(_raw(profiled))
    for s in raw["rule_sets"]:
        if s["code"] == "tt28_2018_machinery":
            s["cap_vnd"] = 400 * M
    monkeypatch.setattr(profiled.reference, "support_rules", SupportRules.from_dict(raw))
    assert profiled.needs.assess(need).allowed_vnd == 600 * M  # 50 % = 600 < 1.5 × 400 = 600


def test_the_service_builds_its_helpers_when_not_given(profiled: Services) -> None:
    est = _est(profiled, "Cơ sở Tư Hùng")
    service = EquipmentNeedService(profiled.ctx)
    assert service.assess(_need(est, 100 * M)).allowed_vnd == 50 * M


def _raw(services: Services) -> dict[str, Any]:
    from kcfield.services.reference import ReferenceService

    return ReferenceService._document(services.reference, "support_rules")
