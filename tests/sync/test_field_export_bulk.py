"""Export is bulk work: 10,000 changed records leave at 5,000 records/s or more (DESIGN.md §6)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.sync_field import FieldSyncService
from kcfield.store.audit import PendingEvent, append_events
from kcfield.store.models import EstablishmentRow

RECORDS = 10_000


def _fill(services: Services, count: int) -> None:
    now = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    rows = [
        {
            "id": services.ctx.ids.new(),
            "local_edits": 1,
            "exported_edits": 0,
            "created_at": now,
            "created_by": "CTV001",
            "updated_at": now,
            "updated_by": "CTV001",
            "name": f"Cơ sở sản xuất bún gạo số {n}",
            "kind": "HKD",
            "province_code": 79,
            "commune_code": 26596,
            "village": f"Ấp {n % 12}",
            "rep_name": "Nguyễn Văn An",
            "rep_phone": "0912345678",
            "main_products": "Bún tươi, bánh phở",
            "workers_total": n % 40,
            "revenue_prev_year_vnd": 1_000_000 * n,
        }
        for n in range(count)
    ]
    events = [PendingEvent("establishment", str(r["id"]), "create", {"name": [None, r["name"]]}) for r in rows]
    with services.ctx.store.write() as session:
        session.execute(insert(EstablishmentRow), rows)
        append_events(session, events, at=now, actor="CTV001", device_id=services.ctx.identity.device_id)


@pytest.mark.slow
def test_ten_thousand_changed_records_export_in_one_package(trusted: Services, app_paths: AppPaths) -> None:
    """The bulk path at its target size (its speed is measured by benchmarks/sync_speed.py, not here)."""
    _fill(trusted, RECORDS)
    sync = FieldSyncService(trusted.ctx, app_paths, trusted.attachments.store)
    sync.ensure_key()
    result = sync.export()
    assert result is not None and result.records["establishment"] == RECORDS and result.audit_events >= RECORDS
    assert sync.pending_summary()["establishment"] == 0
    assert sync.export() is None
