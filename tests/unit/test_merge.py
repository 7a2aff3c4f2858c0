"""Three-way merge of one record's fields: one side changed, both the same, both differently."""

from __future__ import annotations

from kcfield.domain.merge import FieldConflict, three_way

BASE = {"name": "Cơ sở gốm Tân Hạnh", "workers_total": 12, "village": "Ấp 1", "products": ["gốm"]}


def test_changes_on_different_fields_merge_cleanly() -> None:
    centre = {**BASE, "workers_total": 15}
    incoming = {**BASE, "village": "Ấp 2"}
    result = three_way(BASE, centre, incoming)
    assert result.clean
    assert result.fields == {**BASE, "workers_total": 15, "village": "Ấp 2"}
    assert result.taken == ("village",)


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    both = {**BASE, "workers_total": 20}
    result = three_way(BASE, both, both)
    assert result.clean and result.fields == both and result.taken == ()


def test_different_changes_of_one_field_keep_both_values_and_the_centres_in_place() -> None:
    centre = {**BASE, "workers_total": 15, "village": "Ấp 3"}
    incoming = {**BASE, "workers_total": 18}
    result = three_way(BASE, centre, incoming)
    assert result.conflicts == (FieldConflict("workers_total", 12, 15, 18),)
    assert result.fields["workers_total"] == 15  # untouched until a person decides
    assert result.fields["village"] == "Ấp 3"


def test_a_list_field_is_one_value() -> None:
    centre = {**BASE, "products": ["gốm", "sứ"]}
    incoming = {**BASE, "products": ["gốm", "men"]}
    result = three_way(BASE, centre, incoming)
    assert [c.field for c in result.conflicts] == ["products"]


def test_fields_unknown_to_one_side() -> None:
    centre = {**BASE, "new_field": "centre"}  # added by a newer centre; the device never saw it
    incoming = dict(BASE)
    assert three_way(BASE, centre, incoming).fields["new_field"] == "centre"
    incoming_new = {**BASE, "ocop_stars": 3}  # a field the base did not have, set by the device
    result = three_way(BASE, dict(BASE), incoming_new)
    assert result.fields["ocop_stars"] == 3 and result.taken == ("ocop_stars",)


def test_a_delete_is_a_field_like_any_other() -> None:
    base = {**BASE, "deleted": False}
    result = three_way(base, {**base, "workers_total": 13}, {**base, "deleted": True})
    assert result.clean and result.fields["deleted"] is True and result.fields["workers_total"] == 13
