"""Reference data: loaded on first start, reloaded when the bundle changes, never over a centre's copy."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kcfield.domain.errors import DomainError
from kcfield.resources import resource_path
from kcfield.services.container import Services
from kcfield.store import reference as loader
from kcfield.store.models import Commune, Province, ReferenceDataset, VsicCode

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def test_first_start_loads_every_dataset(services: Services) -> None:
    names = {d.name for d in services.reference.datasets()}
    assert names == {i.name for i in loader.read_catalogue(resource_path("data"))}
    assert len(services.reference.provinces) == 34
    assert len(services.reference.communes) == 3321
    assert services.reference.communes[26732].name == "Đặc khu Côn Đảo"
    assert services.reference.vsic[("2018", "1020")].sector_group == "a"
    assert services.reference.ensure_loaded() == []  # nothing changed: nothing reloaded


def _copy_bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(resource_path("data"), folder)
    return folder


def test_changed_bundle_file_is_reloaded_and_vanished_rows_removed(services: Services, tmp_path: Path) -> None:
    bundle = _copy_bundle(tmp_path)
    vsic = bundle / "vsic.csv"
    lines = vsic.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("2018,1200,")]
    vsic.write_text("\n".join(kept).replace("Chế biến, bảo quản thuỷ sản", "Chế biến thuỷ sản") + "\n", "utf-8")
    with services.ctx.store.write() as session:
        loaded = loader.ensure_bundled(session, bundle, NOW)
    assert loaded == ["vsic"]
    with services.ctx.store.read() as session:
        assert session.get(VsicCode, ("2018", "1200")) is None
        row = session.get(VsicCode, ("2018", "1020"))
        assert row is not None and row.name_vi.startswith("Chế biến thuỷ sản")


def test_a_centre_copy_is_never_overwritten_by_the_bundle(services: Services, tmp_path: Path) -> None:
    with services.ctx.store.write() as session:
        row = session.get(ReferenceDataset, "provinces")
        assert row is not None
        row.origin, row.version = "centre", "2026.2"
    bundle = _copy_bundle(tmp_path)
    provinces = bundle / "provinces.csv"
    provinces.write_text(provinces.read_text("utf-8").replace("Cà Mau", "Cà Mau (sửa)"), "utf-8")
    with services.ctx.store.write() as session:
        assert "provinces" not in loader.ensure_bundled(session, bundle, NOW)
    with services.ctx.store.read() as session:
        province = session.get(Province, 96)
        assert province is not None and province.name == "Cà Mau"


def test_malformed_file_is_refused_and_nothing_changes(services: Services, tmp_path: Path) -> None:
    bundle = _copy_bundle(tmp_path)
    communes = bundle / "communes.csv"
    text = communes.read_text("utf-8").replace(
        "26506,Phường Vũng Tàu,phuong,79", "26506,Phường Vũng Tàu,phuong,bảy chín"
    )
    communes.write_text(text, "utf-8")
    with pytest.raises(DomainError) as caught, services.ctx.store.write() as session:
        loader.ensure_bundled(session, bundle, NOW)
    assert caught.value.code == "reference.invalid" and caught.value.params["name"] == "communes"
    assert "line" in caught.value.params["reason"]
    with services.ctx.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Commune)) == 3321
        commune = session.get(Commune, 26506)
        assert commune is not None and commune.province_code == 79


def test_rules_documents_are_available(services: Services) -> None:
    rules = services.reference.eligibility_rules
    assert rules.place_rule_on(date(2026, 1, 1)) is not None
    assert services.reference.support_rules.version
