"""The bundled reference files in resources/data: shape, counts and the facts the app relies on.

Read with the csv module only, so a broken file is caught here even before the loader sees it.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

DATA = Path(__file__).parents[2] / "resources" / "data"

CSV_FILES = (
    "provinces.csv",
    "communes.csv",
    "sector_groups.csv",
    "vsic.csv",
    "cp_option_categories.csv",
    "cp_checklist.csv",
    "cp_benchmarks.csv",
    "units.csv",
    "energy_carriers.csv",
    "parameters.csv",
)
HCMC = 79
BRVT = "Bà Rịa - Vũng Tàu"
CNNT_TYPICAL_VSIC = (
    "1020", "1061", "1062", "1071", "1074", "1079", "1080", "1101", "1313", "1610", "1622",
    "1629", "2392", "2393", "2395", "2396", "2592", "2593", "2821", "3101", "3312",
)  # fmt: skip
CHECKLIST_THEMES = {"housekeeping", "water", "energy", "process_control", "materials", "waste", "safety"}


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


def test_every_csv_is_utf8_nfc_lf_without_bom() -> None:
    for name in CSV_FILES:
        raw = (DATA / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert b"\r" not in raw, name
        text = raw.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), name
        assert rows(name), name
        header = next(csv.reader([text.splitlines()[0]]))
        assert all(len(r) == len(header) for r in csv.reader(text.splitlines())), name


def test_provinces() -> None:
    provinces = rows("provinces.csv")
    assert len(provinces) == 34
    assert Counter(p["kind"] for p in provinces) == {"tinh": 28, "thanh_pho_tw": 6}
    for p in provinces:
        assert p["centrally_run"] == ("1" if p["kind"] == "thanh_pho_tw" else "0")
        assert p["phone_area_code"].isdigit()
    assert len({p["code"] for p in provinces}) == 34


def test_communes_counts_codes_and_provinces() -> None:
    communes = rows("communes.csv")
    assert len(communes) == 3321
    assert Counter(c["kind"] for c in communes) == {"xa": 2621, "phuong": 687, "dac_khu": 13}
    assert len({c["code"] for c in communes}) == 3321
    province_codes = {p["code"] for p in rows("provinces.csv")}
    assert {c["province_code"] for c in communes} <= province_codes
    hcmc = [c for c in communes if int(c["province_code"]) == HCMC]
    assert len(hcmc) == 168
    assert Counter(c["kind"] for c in hcmc) == {"phuong": 113, "xa": 54, "dac_khu": 1}


@pytest.mark.parametrize(
    ("code", "name"),
    [(26506, "Phường Vũng Tàu"), (26560, "Phường Bà Rịa"), (26704, "Phường Phú Mỹ"), (26732, "Đặc khu Côn Đảo")],
)
def test_known_commune_codes(code: int, name: str) -> None:
    by_code = {int(c["code"]): c for c in rows("communes.csv")}
    assert by_code[code]["name"] == name
    assert int(by_code[code]["province_code"]) == HCMC
    assert by_code[code]["former_province"] == BRVT


def test_former_brvt_units_have_demo_positions() -> None:
    communes = rows("communes.csv")
    former = [c for c in communes if c["former_province"]]
    assert len(former) == 30
    assert {c["former_province"] for c in former} == {BRVT}
    for c in former:
        assert int(c["province_code"]) == HCMC
        assert 26506 <= int(c["code"]) <= 26732
        assert 8.0 <= float(c["latitude"]) <= 23.5, c
        assert 102.0 <= float(c["longitude"]) <= 110.0, c
        assert 0 < float(c["radius_km"]) <= 5, c
    others = [c for c in communes if not c["former_province"]]
    assert all(c["latitude"] == c["longitude"] == c["radius_km"] == "" for c in others)


def test_names_are_clean() -> None:
    names = [p["name"] for p in rows("provinces.csv")] + [c["name"] for c in rows("communes.csv")]
    for name in names:
        assert "  " not in name, name
        assert name == name.strip(), name
        assert unicodedata.is_normalized("NFC", name), name


def test_sector_groups() -> None:
    groups = rows("sector_groups.csv")
    assert [g["code"] for g in groups] == ["a", "b", "c", "d", "dd", "e", "g"]
    assert {g["code"]: g["letter"] for g in groups}["dd"] == "đ"
    assert all(g["name_vi"] and g["name_en"] and g["legal_basis"] for g in groups)


def test_vsic_codes() -> None:
    vsic = rows("vsic.csv")
    keys = [(v["version"], v["code"]) for v in vsic]
    assert len(keys) == len(set(keys))
    for v in vsic:
        assert v["version"] == "2018"
        assert len(v["code"]) == 4 and v["code"].isdigit(), v
        assert 1010 <= int(v["code"]) <= 3320, v
        assert v["name_vi"] and v["name_en"], v
    group_codes = {g["code"] for g in rows("sector_groups.csv")}
    assert {v["sector_group"] for v in vsic} <= group_codes | {""}
    assert {int(v["code"][:2]) for v in vsic} == set(range(10, 34))
    codes = {v["code"] for v in vsic}
    assert set(CNNT_TYPICAL_VSIC) <= codes
    by_code = {v["code"]: v for v in vsic}
    assert by_code["3312"]["name_vi"] == "Sửa chữa máy móc, thiết bị"
    assert by_code["1200"]["sector_group"] == ""


def test_cp_option_categories() -> None:
    assert [int(c["number"]) for c in rows("cp_option_categories.csv")] == list(range(1, 9))


def test_cp_checklist() -> None:
    items = rows("cp_checklist.csv")
    assert 30 <= len(items) <= 45
    assert len({i["code"] for i in items}) == len(items)
    assert len({int(i["position"]) for i in items}) == len(items)
    assert {i["theme"] for i in items} == CHECKLIST_THEMES
    for i in items:
        assert 1 <= int(i["option_category"]) <= 8, i
        assert i["text_vi"].endswith("không?") or i["text_vi"].endswith("chưa?"), i
        assert i["text_en"].endswith("?"), i


def test_units_have_one_canonical_per_dimension() -> None:
    units = rows("units.csv")
    assert len({u["code"] for u in units}) == len(units)
    codes = {u["code"] for u in units}
    for dimension in {u["dimension"] for u in units}:
        members = [u for u in units if u["dimension"] == dimension]
        assert len({u["canonical"] for u in members}) == 1, dimension
        canonical = [u for u in members if u["code"] == u["canonical"]]
        assert len(canonical) == 1, dimension
        assert float(canonical[0]["factor"]) == 1
        assert all(float(u["factor"]) > 0 for u in members)
        assert canonical[0]["code"] in codes
    factor = {u["code"]: float(u["factor"]) for u in units}
    assert factor["kWh"] == pytest.approx(3.6)
    assert factor["kcal"] == pytest.approx(0.0041868)
    assert factor["ta"] == 100
    assert factor["yen"] == 10


def test_cp_benchmarks() -> None:
    vsic = {(v["version"], v["code"]) for v in rows("vsic.csv")}
    benchmarks = rows("cp_benchmarks.csv")
    assert len({b["code"] for b in benchmarks}) == len(benchmarks)
    for b in benchmarks:
        assert (b["vsic_version"], b["vsic_code"]) in vsic, b
        assert float(b["value"]) > 0
        assert b["comparison"] in {"max", "typical"}
        assert b["is_legal_norm"] in {"0", "1"}
        assert b["mark"] in {"C", "S", "U"}
        assert b["source"]
    norms = [b for b in benchmarks if b["is_legal_norm"] == "1"]
    assert {b["vsic_code"] for b in norms} == {"1020"}
    assert all(b["valid_to"] == "2025-12-31" and b["comparison"] == "max" for b in norms)


def test_energy_carriers_and_parameters() -> None:
    carriers = {c["code"]: c for c in rows("energy_carriers.csv")}
    assert float(carriers["electricity"]["net_heating_value_mj"]) == pytest.approx(3.6)
    assert carriers["electricity"]["co2_kg_per_unit"] == ""
    assert all(float(c["net_heating_value_mj"]) > 0 and c["source"] for c in carriers.values())
    parameters = {p["code"]: p for p in rows("parameters.csv")}
    assert 0.3 < float(parameters["grid_emission_factor"]["value"]) < 1.2
    assert parameters["cp_payback_good_years"]["mark"] == "U"


def test_datasets_json_lists_every_file() -> None:
    catalogue = json.loads((DATA / "datasets.json").read_text(encoding="utf-8"))["datasets"]
    files = {d["file"] for d in catalogue}
    assert {p.name for p in DATA.glob("*.csv")} <= files
    assert {"eligibility.json", "support_rules.json"} <= files
    for d in catalogue:
        assert d["name"] == Path(d["file"]).stem
        assert all(d[key] for key in ("version", "source", "licence", "mark")), d
