"""Revision history in bulk: heads and revisions of a 10,000-record package, fast on both databases."""

from __future__ import annotations

import time
import uuid

from kcfield.centre.db import CentreDatabase, utc_now
from kcfield.centre.history import (
    NewRevision,
    append_revisions,
    current_heads,
    revision_data,
    revision_devices_since,
)

RECORDS = 10_000


def _line(record_id: uuid.UUID, edits: int) -> dict[str, object]:
    return {
        "id": str(record_id),
        "base_revision": 0,
        "local_edits": edits,
        "deleted": False,
        "created_at": "2026-11-26T03:00:00+00:00",
        "created_by": "CTV001",
        "updated_at": "2026-11-26T03:00:00+00:00",
        "updated_by": "CTV001",
        "fields": {"name": f"Cơ sở chế biến hạt điều số {edits}", "commune_code": 26596, "workers_total": 12},
    }


def test_ten_thousand_records_are_written_and_read_back_fast(centre: CentreDatabase) -> None:
    ids = [uuid.uuid4() for _ in range(RECORDS)]
    started = time.perf_counter()
    with centre.write() as session:
        assert current_heads(session, "establishment", ids) == {}
        append_revisions(
            session,
            [NewRevision("establishment", i, 1, _line(i, 1), "dev-a1", "pkg-1") for i in ids],
            utc_now(),
        )
    first = time.perf_counter() - started

    started = time.perf_counter()
    with centre.write() as session:
        heads = current_heads(session, "establishment", ids)
        append_revisions(
            session,
            [NewRevision("establishment", i, heads[i].revision + 1, _line(i, 2), "dev-b2", "pkg-2") for i in ids],
            utc_now(),
        )
    second = time.perf_counter() - started
    assert RECORDS / first >= 2_000 and RECORDS / second >= 2_000, (first, second)

    with centre.read() as session:
        heads = current_heads(session, "establishment", ids[:3])
        assert {h.revision for h in heads.values()} == {2} and heads[ids[0]].device_id == "dev-b2"
        base = revision_data(session, "establishment", ids[0], 1)
        assert base is not None and base["fields"]["name"] == "Cơ sở chế biến hạt điều số 1"
        assert revision_devices_since(session, "establishment", ids[0], 0) == [(1, "dev-a1"), (2, "dev-b2")]
        assert current_heads(session, "visit", ids[:3]) == {}
