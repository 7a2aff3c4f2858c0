"""Masking phone and personal ID numbers, and withholding personal fields from record lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kcfield.domain.personal import (
    COLLECTABLE,
    DEFAULT_COLLECT,
    MASK,
    mask_personal_id,
    mask_phone,
    mask_tax_code,
    parse_collect,
    restore,
    withheld_names,
    withhold,
    withhold_changes,
)

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
NETWORKS = ("032", "039", "086", "091", "090", "070", "052", "059", "099")


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        ("0912345678", "091*****78"),
        ("0912 345 678", "091* *** *78"),
        ("0912.345.678", "091*.***.*78"),
        ("+84 912 345 678", "+84 91* *** *78"),
        ("+84912345678", "+8491*****78"),
        ("0254 3852 123", "0254 **** *23"),
        ("028 3825 1234", "028 **** **34"),
        ("02838251234", "028******34"),
        ("12345678", "******78"),
        ("113", "***"),
        ("", ""),
        ("không có", "không có"),
    ],
)
def test_mask_phone_examples(typed: str, masked: str) -> None:
    assert mask_phone(typed) == masked


def test_mask_personal_id_and_tax_code() -> None:
    assert mask_personal_id("079203001234") == "079*******34"
    assert mask_personal_id("") == ""
    assert mask_tax_code("079203001234") == "079*******34"  # a household's tax code is the owner's ID
    assert mask_tax_code("0100109106") == "0100109106"  # an enterprise's is public
    assert mask_tax_code("0100109106-001") == "0100109106-001"


@st.composite
def mobiles(draw: st.DrawFn) -> tuple[str, str]:
    """(as typed, the seven subscriber digits) for a mobile written in one of the usual ways."""
    network = draw(st.sampled_from(NETWORKS))
    subscriber = "".join(draw(st.lists(digits, min_size=7, max_size=7)))
    national = network + subscriber
    style = draw(st.sampled_from(["plain", "grouped", "dots", "plus", "plus-grouped"]))
    typed = {
        "plain": national,
        "grouped": f"{national[:4]} {national[4:7]} {national[7:]}",
        "dots": f"{national[:4]}.{national[4:7]}.{national[7:]}",
        "plus": "+84" + national[1:],
        "plus-grouped": f"+84 {national[1:4]} {national[4:7]} {national[7:]}",
    }[style]
    return typed, national[3:8]


@given(mobiles())
def test_a_masked_mobile_never_shows_the_hidden_digits(case: tuple[str, str]) -> None:
    typed, hidden = case
    masked = mask_phone(typed)
    assert len(masked) == len(typed)
    assert hidden not in masked.replace(" ", "").replace(".", "")
    assert masked.count(MASK) == 5
    assert mask_phone(masked) == masked  # masking twice changes nothing


@given(st.text(alphabet="0123456789 +.-", max_size=20))
def test_masking_keeps_length_and_hides_at_least_five_digits_or_all(typed: str) -> None:
    for mask in (mask_phone, mask_personal_id):
        masked = mask(typed)
        assert len(masked) == len(typed)
        n = sum(ch.isdigit() for ch in typed)
        assert masked.count(MASK) >= min(n, 5)
        shown = [(i, ch) for i, ch in enumerate(masked) if ch.isdigit()]
        assert all(typed[i] == ch for i, ch in shown)  # nothing invented, nothing moved
        assert mask(masked) == masked


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_a_masked_personal_id_keeps_only_the_province_and_the_last_two(pid: str) -> None:
    masked = mask_personal_id(pid)
    assert masked == pid[:3] + MASK * 7 + pid[-2:]
    assert pid[3:10] not in masked


def test_the_default_collects_phones_but_not_personal_ids() -> None:
    assert {"rep_phone", "rep_email", "respondent_phone"} == DEFAULT_COLLECT
    assert "rep_personal_id" in COLLECTABLE - DEFAULT_COLLECT
    assert parse_collect([" rep_phone ", ""]) == {"rep_phone"}
    with pytest.raises(ValueError, match="tax_code"):
        parse_collect(["tax_code"])


def test_withhold_and_restore() -> None:
    fields = {"name": "Cơ sở", "rep_phone": "0912345678", "rep_personal_id": "079203001234", "rep_email": ""}
    sent, withheld = withhold("establishment", fields, DEFAULT_COLLECT)
    assert withheld == ["rep_personal_id"] and sent == {"name": "Cơ sở", "rep_phone": "0912345678", "rep_email": ""}
    own = {"rep_personal_id": "001099000001", "rep_phone": "0987654321"}
    assert restore(sent, withheld, own)["rep_personal_id"] == "001099000001"
    assert restore(sent, withheld, own)["rep_phone"] == "0912345678"  # only the withheld field is the receiver's
    assert "rep_personal_id" not in restore(sent, withheld, None)  # nothing of its own: the default applies
    # Other entities carry no personal data.
    assert withhold("equipment_need", {"supplier": "x"}, frozenset()) == ({"supplier": "x"}, [])


def test_a_visit_snapshot_is_withheld_inside() -> None:
    snapshot = {"name": "Cơ sở", "rep_personal_id": "079203001234", "rep_phone": "0912345678"}
    fields = {"respondent_phone": "0987654321", "profile_snapshot": snapshot}
    sent, withheld = withhold("visit", fields, frozenset({"respondent_phone"}))
    assert withheld == ["profile_snapshot.rep_personal_id", "profile_snapshot.rep_phone"]
    assert sent["profile_snapshot"] == {"name": "Cơ sở"} and snapshot["rep_phone"] == "0912345678"  # a copy
    back = restore(sent, withheld, {"profile_snapshot": snapshot})
    assert back == fields


def test_withheld_names_accepts_only_personal_fields() -> None:
    line = {"withheld": ["rep_personal_id", "name", 3, "profile_snapshot.rep_phone"]}
    assert withheld_names("establishment", line) == {"rep_personal_id"}
    assert withheld_names("visit", line) == {"profile_snapshot.rep_phone"}
    assert withheld_names("establishment", {"withheld": "rep_personal_id"}) == frozenset()


def test_audit_changes_are_withheld() -> None:
    changes = {"name": [None, "Cơ sở"], "rep_personal_id": [None, "079203001234"]}
    out, withheld = withhold_changes("establishment", changes, DEFAULT_COLLECT)
    assert out == {"name": [None, "Cơ sở"]} and withheld == ["rep_personal_id"]
    snap = {"profile_snapshot": [None, {"name": "Cơ sở", "rep_personal_id": "079203001234"}]}
    out, withheld = withhold_changes("visit", snap, DEFAULT_COLLECT)
    assert out == {"profile_snapshot": [None, {"name": "Cơ sở"}]}
    assert withheld == ["profile_snapshot.rep_personal_id"]
