"""Found by the crash harness: many exports (each made after a backup) within one second. A backup name freed by
the rotation must not be handed out again in that second: the reused name sorts as the oldest, the rotation
deletes the backup just made, and the export failed on the missing file."""

from __future__ import annotations

from datetime import UTC, datetime

from kcfield.domain.model import Establishment
from kcfield.services.container import Services
from kcfield.store.backup import DEFAULT_POLICY, BackupKind


def test_a_burst_of_backups_in_one_second_keeps_each_new_one(trusted: Services) -> None:
    backups = trusted.backups
    moment = datetime(2026, 11, 27, 5, 34, 12, tzinfo=UTC)
    backups._clock = lambda: moment  # every backup below is taken in the same second
    limit = DEFAULT_POLICY.limit(BackupKind.BEFORE_EXPORT)
    assert limit is not None
    made = []
    for n in range(limit + 5):
        trusted.establishments.create(Establishment(name=f"Cơ sở {n}", province_code=79, commune_code=26596))
        assert trusted.sync_field.export() is not None  # a backup before each one
        made.append(backups.backups()[0].path)
        assert made[-1].is_file()
    assert len(set(made)) == len(made)  # never the name of one rotated away
    kept = [b for b in backups.backups() if b.kind is BackupKind.BEFORE_EXPORT]
    assert len(kept) == limit and kept[0].path == made[-1]
