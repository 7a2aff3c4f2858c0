"""Demo data: reproducible from the seed, realistic, valid, and all-or-nothing."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kcfield.domain.errors import DomainError
from kcfield.domain.identifiers import parse_personal_id, parse_phone, parse_tax_code
from kcfield.domain.model import Establishment
from kcfield.domain.validation import validate_establishment
from kcfield.services.container import Services
from kcfield.services.demo import DemoService
from kcfield.services.progress import CancelToken, ProgressUpdate
from kcfield.store.fingerprint import content_digest
from kcfield.store.mapping import row_to_domain
from kcfield.store.models import EstablishmentRow


def test_same_seed_same_data_other_seed_other_data(services: Services, tmp_path: Path, template_db: Path) -> None:
    import shutil

    from kcfield.services.container import build_services
    from kcfield.services.context import ServiceContext
    from kcfield.store.migrate import open_sqlite_store

    dumps = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db = tmp_path / f"{name}.db"
        shutil.copyfile(template_db, db)
        opened = open_sqlite_store(db, tmp_path / "backups")
        built = build_services(ServiceContext(opened.store), opened, tmp_path / "attachments")
        DemoService(built.ctx, built.reference).generate(300, seed)
        built.close()
        dumps.append(content_digest(db))
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]


def test_demo_records_are_valid_and_placed_in_their_communes(services: Services) -> None:
    summary = DemoService(services.ctx, services.reference).generate(400, 3)
    assert summary.establishments == 400 and summary.visits > 0 and summary.needs > 0
    communes = services.reference.communes
    today = services.ctx.today()
    with services.ctx.store.read() as session:
        rows = session.scalars(select(EstablishmentRow)).all()
        establishments = [row_to_domain(r, Establishment) for r in rows]
    kinds = {e.kind for e in establishments}
    assert len(kinds) == 4
    for est in establishments:
        blocking = [p for p in validate_establishment(est, today) if p.blocking]
        assert blocking == [], (est.name, blocking)
        if est.tax_code:
            assert parse_tax_code(est.tax_code).ok
        if est.rep_personal_id:
            assert parse_personal_id(est.rep_personal_id).ok
        assert parse_phone(est.rep_phone).ok
        commune = communes[est.commune_code]  # type: ignore[index]
        assert commune.former_province == "Bà Rịa - Vũng Tàu"
        assert commune.latitude is not None and commune.longitude is not None and commune.radius_km
        dy = (est.latitude - commune.latitude) * 111.32  # type: ignore[operator]
        dx = (est.longitude - commune.longitude) * 111.32 * math.cos(math.radians(commune.latitude))  # type: ignore[operator]
        assert math.hypot(dx, dy) <= commune.radius_km + 0.01
    assert any("Đ" in e.name or "đ" in e.name or "ư" in e.name for e in establishments)


def test_demo_refuses_a_store_that_already_has_establishments(services: Services) -> None:
    DemoService(services.ctx, services.reference).generate(5, 1)
    with pytest.raises(DomainError) as caught:
        DemoService(services.ctx, services.reference).generate(5, 1)
    assert caught.value.code == "demo.store_not_empty"


def test_cancelled_demo_writes_nothing(services: Services) -> None:
    token = CancelToken()
    seen: list[ProgressUpdate] = []

    def progress(update: ProgressUpdate) -> None:
        seen.append(update)
        token.cancel()  # cancel after the first chunk was inserted

    from kcfield.services.progress import Cancelled

    with pytest.raises(Cancelled):
        DemoService(services.ctx, services.reference).generate(12_000, 1, progress=progress, cancel=token)
    assert seen and seen[0].value == 5000
    with services.ctx.store.read() as session:
        assert session.scalar(select(func.count()).select_from(EstablishmentRow)) == 0


def test_bad_count_is_refused(services: Services) -> None:
    with pytest.raises(DomainError) as caught:
        DemoService(services.ctx, services.reference).generate(0)
    assert caught.value.code == "demo.bad_count"


def test_demo_energy_inputs_use_known_carriers(services: Services) -> None:
    """Every energy carrier the demo writes exists in the reference data (else its energy is not counted)."""
    from kcfield.services import demo_vocab

    carriers = set(services.cp_reference.carriers)
    used = {carrier for activity in demo_vocab.ACTIVITIES for (_c, _n, _u, carrier) in activity.inputs if carrier}
    assert used <= carriers, used - carriers
