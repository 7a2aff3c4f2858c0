"""The needs' status workflow: proposed → submitted → approved/rejected → installed, nothing else."""

from __future__ import annotations

import dataclasses

import pytest

from kcfield.domain.enums import NeedStatus as S
from kcfield.domain.errors import ValidationFailed
from kcfield.domain.messages import describe_error
from kcfield.domain.model import EquipmentNeed, Establishment
from kcfield.domain.need_status import allowed_statuses, check_transition
from kcfield.services.container import Services


@pytest.mark.parametrize(
    ("before", "after", "ok"),
    [
        (S.PROPOSED, S.SUBMITTED, True),
        (S.PROPOSED, S.INSTALLED, False),
        (S.PROPOSED, S.APPROVED, False),
        (S.SUBMITTED, S.APPROVED, True),
        (S.SUBMITTED, S.REJECTED, True),
        (S.APPROVED, S.INSTALLED, True),
        (S.APPROVED, S.PROPOSED, False),
        (S.REJECTED, S.PROPOSED, True),
        (S.INSTALLED, S.PROPOSED, False),
        (S.INSTALLED, S.INSTALLED, True),
    ],
)
def test_transitions(before: S, after: S, ok: bool) -> None:
    assert (check_transition(before, after) == []) is ok


def test_allowed_statuses_start_with_the_current_one() -> None:
    assert allowed_statuses(S.SUBMITTED) == [S.SUBMITTED, S.PROPOSED, S.APPROVED, S.REJECTED]
    assert allowed_statuses(S.INSTALLED) == [S.INSTALLED]


def test_the_service_refuses_a_jump_and_keeps_the_stored_status(profiled: Services) -> None:
    est = profiled.establishments.create(Establishment(name="Cơ sở cơ khí Tân Phát", commune_code=26596))
    need = profiled.needs.create(
        EquipmentNeed(establishment_id=est.id, equipment_name="Máy cắt plasma CNC", unit_price_vnd=400_000_000)
    )
    with pytest.raises(ValidationFailed) as caught:
        profiled.needs.update(dataclasses.replace(need, status=S.INSTALLED))
    assert "đề xuất → đã gửi" in describe_error(caught.value)
    assert need.id is not None and profiled.needs.get(need.id).status is S.PROPOSED
    submitted = profiled.needs.update(dataclasses.replace(need, status=S.SUBMITTED))
    assert profiled.needs.update(dataclasses.replace(submitted, status=S.APPROVED)).status is S.APPROVED
