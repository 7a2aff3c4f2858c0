"""Record lines from another device become table rows only when every value fits its column."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from kcfield.domain.errors import DomainError
from kcfield.store.record_lines import line_row


def _line(**fields: Any) -> dict[str, Any]:
    when = "2026-11-27T03:00:00+00:00"
    return {
        "id": str(uuid4()),
        "created_at": when,
        "updated_at": when,
        "fields": {"name": "Cơ sở Gốm Biên Hoà", **fields},
    }


def test_a_sound_line_reads() -> None:
    row = line_row("establishment", _line(year_founded=1998), base_revision=3)
    assert row.values["year_founded"] == 1998 and row.values["base_revision"] == 3


@pytest.mark.parametrize(
    ("entity", "fields", "column"),
    [
        ("establishment", {"year_founded": 2**70}, "year_founded"),  # no integer column holds it
        ("establishment", {"year_founded": "mười hai"}, ""),  # text where a number goes
        ("establishment", {"name": "x" * 10_000}, "name"),  # longer than the column
        ("establishment", {"name": "nửa\ud800ký tự"}, "name"),  # a lone surrogate no database stores
        ("cp_assessment", {"establishment_id": str(uuid4()), "inputs": [None]}, ""),  # a child that is not one
    ],
)
def test_a_value_that_does_not_fit_refuses_the_record_alone(entity: str, fields: dict[str, Any], column: str) -> None:
    with pytest.raises(DomainError) as caught:
        line_row(entity, _line(**fields), base_revision=0)
    assert caught.value.code == "sync.bad_record"
    assert column in str(caught.value.params.get("reason", ""))


def test_two_checklist_answers_to_one_item_are_refused() -> None:
    answer = {"item_code": "CL-01", "answer": "yes"}
    line = _line(establishment_id=str(uuid4()), checklist=[answer, dict(answer)])
    with pytest.raises(DomainError) as caught:
        line_row("cp_assessment", line, base_revision=0)
    assert caught.value.code == "sync.bad_record" and "item_code" in caught.value.params["reason"]
