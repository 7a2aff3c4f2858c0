"""Possible duplicates before a save: the same tax code anywhere, a similar name in the same commune."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert

from kcfield.domain.enums import EstablishmentKind, TaxCodeKind
from kcfield.domain.identifiers import tax_code_check_digit
from kcfield.domain.ids import new_id
from kcfield.domain.model import Establishment
from kcfield.domain.text import fold
from kcfield.services.container import Services
from kcfield.services.duplicates import MAX_CANDIDATES, DuplicateFinder
from kcfield.store.models import EstablishmentRow
from kcfield.store.search import establishment_search_text, sort_text

DAT_DO = 26680  # Xã Đất Đỏ
CHAU_DUC = 26596  # Xã Châu Đức


def _est(**changes: Any) -> Establishment:
    base = Establishment(name="Cơ sở Hải sản Đất Đỏ", province_code=79, commune_code=DAT_DO)
    return dataclasses.replace(base, **changes)


def _finder(services: Services) -> DuplicateFinder:
    return DuplicateFinder(services.ctx, services.reference)


def test_same_tax_code_is_found_and_the_record_itself_is_not(profiled: Services) -> None:
    saved = profiled.establishments.create(
        _est(name="Công ty TNHH Tư Hùng", kind=EstablishmentKind.ENTERPRISE, tax_code="0100109106")
    )
    finder = _finder(profiled)
    (found,) = finder.find(_est(name="Doanh nghiệp hoàn toàn khác", commune_code=CHAU_DUC, tax_code="0100109106"))
    assert (found.id, found.reason, found.name, found.tax_code) == (
        saved.id,
        "same_tax_code",
        "Công ty TNHH Tư Hùng",
        "0100109106",
    )
    assert found.commune_name == "Xã Đất Đỏ"
    assert finder.find(saved) == []  # editing a record never reports the record itself
    assert finder.find(_est(name="Khác hẳn", tax_code="")) == []


def test_a_branch_code_matches_with_or_without_its_dash(profiled: Services) -> None:
    saved = profiled.establishments.create(
        _est(name="Chi nhánh Tư Hùng", kind=EstablishmentKind.ENTERPRISE, tax_code="0100109106-001")
    )
    assert saved.tax_code == "0100109106-001"
    finder = _finder(profiled)
    for typed in ("0100109106001", "0100109106-001", " 0100 109 106 - 001 "):
        found = finder.find(_est(name="Tên khác", commune_code=CHAU_DUC, tax_code=typed))
        assert [(c.id, c.reason) for c in found] == [(saved.id, "same_tax_code")], typed
    # The head office is another unit: not the same code.
    assert _finder(profiled).find(_est(name="Tên khác", commune_code=CHAU_DUC, tax_code="0100109106")) == []


def test_a_name_typed_without_accents_is_found_in_the_same_commune_only(profiled: Services) -> None:
    saved = profiled.establishments.create(_est(name="Cơ sở Hải sản Đất Đỏ"))
    finder = _finder(profiled)
    (found,) = finder.find(_est(name="Co so hai san Dat Do"))
    assert (found.id, found.reason, found.similarity) == (saved.id, "similar_name", 1.0)
    assert finder.find(_est(name="Co so hai san Dat Do", commune_code=CHAU_DUC)) == []
    assert finder.find(_est(name="Co so hai san Dat Do", commune_code=None)) == []
    # One letter off still counts; a different business does not.
    assert [c.id for c in finder.find(_est(name="Cơ sở Hải sản Đất Đỗ"))] == [saved.id]
    assert finder.find(_est(name="Cơ sở Mộc mỹ nghệ Đất Đỏ")) == []


def test_deleted_records_are_ignored(profiled: Services) -> None:
    saved = profiled.establishments.create(
        _est(kind=EstablishmentKind.ENTERPRISE, tax_code="0100109106", tax_code_kind=TaxCodeKind.ENTERPRISE)
    )
    profiled.establishments.delete(saved.id)  # type: ignore[arg-type]
    finder = _finder(profiled)
    assert finder.find(_est(name="Co so hai san Dat Do", tax_code="0100109106")) == []
    profiled.establishments.restore(saved.id)  # type: ignore[arg-type]
    assert [c.id for c in finder.find(_est(name="Co so hai san Dat Do", tax_code="0100109106"))] == [saved.id]


def test_a_record_matching_on_both_counts_appears_once_as_same_tax_code(profiled: Services) -> None:
    saved = profiled.establishments.create(_est(kind=EstablishmentKind.ENTERPRISE, tax_code="0100109106"))
    (found,) = _finder(profiled).find(_est(name="Co so hai san Dat Do", tax_code="0100109106"))
    assert (found.id, found.reason, found.similarity) == (saved.id, "same_tax_code", 1.0)


def _tax_code(rng: random.Random) -> str:
    while True:
        body = f"{rng.randrange(1, 10)}{rng.randrange(10**8):08d}"
        digit = tax_code_check_digit(body)
        if digit is not None and body[2:] != "0000000":
            return f"{body}{digit}"


WORDS_A = ("Cơ sở", "Hộ kinh doanh", "Hợp tác xã", "Tổ hợp tác", "Công ty TNHH", "Xưởng")
WORDS_B = ("chế biến hải sản", "mộc mỹ nghệ", "gốm", "nước mắm", "bánh tráng", "cơ khí", "may mặc", "hạt điều")
WORDS_C = ("Phước Thành", "Hải Đăng", "Thành Đạt", "Tân Phát", "Long Hải", "Minh Phú", "Bình An", "Phú Quý")
GIVEN = ("Hùng", "Lan", "Tư", "Tám", "Hoa", "Phúc", "Mai", "Lộc", "Sang", "Yến")


def test_five_thousand_establishments_in_one_commune_are_compared(profiled: Services) -> None:
    """The size a busy coastal commune can reach; find() must stay linear (see the module docstring)."""
    rng = random.Random(7)
    now = datetime(2026, 11, 26, tzinfo=UTC)
    rows: list[dict[str, Any]] = []
    names: set[str] = set()
    while len(rows) < 5_000:
        words = (rng.choice(WORDS_A), rng.choice(WORDS_B), rng.choice(WORDS_C), rng.choice(GIVEN))
        name = f"{' '.join(words)} {rng.randrange(1000)}"
        if name in names:
            continue
        names.add(name)
        est = _est(name=name, tax_code=_tax_code(rng))
        rows.append(
            {
                "id": new_id(),
                "name": name,
                "kind": "HKD",
                "tax_code": est.tax_code,
                "commune_code": DAT_DO,
                "province_code": 79,
                "created_at": now,
                "updated_at": now,
                "search_text": establishment_search_text(est, "Xã Đất Đỏ"),
                "name_sort": sort_text(name),
            }
        )
    planted = rows[1234]
    with profiled.ctx.store.write() as session:
        session.execute(insert(EstablishmentRow), rows)

    finder = _finder(profiled)
    # Typed again without accents: found, and first (others share its words but not its number).
    typed = fold(planted["name"])
    found = finder.find(_est(name=typed))
    assert found, typed
    assert len(found) <= MAX_CANDIDATES
    assert found[0].id == planted["id"]
    assert [c.similarity for c in found] == sorted((c.similarity for c in found), reverse=True)
    assert all(c.similarity >= 0.85 and c.reason == "similar_name" for c in found)
    # A name like none of them: nothing, after comparing all 5,000.
    assert finder.find(_est(name="Nhà máy đóng tàu Sao Biển")) == []
    # Its tax code alone also finds it, from another commune.
    by_code = finder.find(_est(name="Tên khác", commune_code=CHAU_DUC, tax_code=planted["tax_code"]))
    assert [c.id for c in by_code] == [planted["id"]]


def test_a_similar_name_a_few_metres_away_is_found_across_a_commune_boundary(profiled: Services) -> None:
    from kcfield.domain.model import Establishment
    from kcfield.services.duplicates import DuplicateFinder

    lat, lon = 10.4912, 107.2714
    near = profiled.establishments.create(
        Establishment(name="Cơ sở nước mắm Tư Hùng", commune_code=26680, latitude=lat + 0.00018, longitude=lon)
    )  # about 20 m north, recorded in Xã Đất Đỏ
    profiled.establishments.create(
        Establishment(name="Cơ sở nước mắm Tư Hùng", commune_code=26686, latitude=lat + 0.0045, longitude=lon)
    )  # about 500 m away: another place with the same name
    finder = DuplicateFinder(profiled.ctx, profiled.reference)
    draft = Establishment(name="Cơ sở Nước Mắm Tư Hùng", commune_code=26686, latitude=lat, longitude=lon)
    found = finder.find(draft)
    assert [(c.id, c.reason) for c in found if c.reason == "nearby_similar_name"] == [(near.id, "nearby_similar_name")]
    saved = profiled.establishments.create(draft)
    assert all(c.id != saved.id for c in finder.find(saved))  # never itself
