"""What every service needs, passed in by the composition root (app.py / cli.py), never looked up globally."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from kcfield.domain.ids import IdFactory
from kcfield.store.engine import Store

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Identity:
    """Who is writing: the local collaborator's code and this device's id (set by the first-run profile)."""

    actor: str = ""
    device_id: str = ""


@dataclass
class ServiceContext:
    store: Store
    identity: Identity = field(default_factory=Identity)
    clock: Callable[[], datetime] = utc_now
    ids: IdFactory = field(default_factory=IdFactory)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today's date where the collaborator works (Vietnam), not in UTC."""
        return self.clock().astimezone(VIETNAM_TZ).date()
