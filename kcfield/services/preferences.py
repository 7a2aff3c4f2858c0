"""Preferences that travel with the data (HOUSE-STYLE: one typed API; QSettings only for window state).

Each preference has a name, a type and a default here, so a misspelt key is a type error, not a silent new
setting. Values are stored as JSON in the ``preferences`` table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kcfield.services.context import ServiceContext
from kcfield.store.models import Preference

LANGUAGE = "language"
REGISTRY_COLUMNS = "registry_columns"
LAST_SYNC_AT = "last_sync_at"
DERIVED_FACTS_STAMP = "derived_facts_stamp"
CENTRE_NAME = "centre_name"
DAY_PLAN = "day_plan"
CENTRE_URL = "centre_url"
LAST_SYNC_RESULT = "last_sync_result"

# Printed on every page until the user sets the centre's own name in Settings.
DEFAULT_CENTRE_NAME = "Trung tâm Khuyến công"


class Preferences:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def _get(self, key: str) -> Any:
        with self._ctx.store.read() as session:
            row = session.get(Preference, key)
            return None if row is None else row.value.get("v")

    def _set(self, key: str, value: Any) -> None:
        with self._ctx.store.write() as session:
            row = session.get(Preference, key)
            if row is None:
                session.add(Preference(key=key, value={"v": value}))
            else:
                row.value = {"v": value}

    @property
    def language(self) -> str:
        value = self._get(LANGUAGE)
        return value if value in ("vi", "en") else "vi"

    @language.setter
    def language(self, value: str) -> None:
        if value not in ("vi", "en"):
            raise ValueError(f"unsupported language {value!r}")
        self._set(LANGUAGE, value)

    @property
    def registry_columns(self) -> list[str] | None:
        value = self._get(REGISTRY_COLUMNS)
        return [str(v) for v in value] if isinstance(value, list) else None

    @registry_columns.setter
    def registry_columns(self, value: list[str]) -> None:
        self._set(REGISTRY_COLUMNS, list(value))

    @property
    def last_sync_at(self) -> datetime | None:
        value = self._get(LAST_SYNC_AT)
        return datetime.fromisoformat(value) if isinstance(value, str) else None

    @last_sync_at.setter
    def last_sync_at(self, value: datetime) -> None:
        self._set(LAST_SYNC_AT, value.isoformat())

    @property
    def derived_facts_stamp(self) -> str:
        value = self._get(DERIVED_FACTS_STAMP)
        return value if isinstance(value, str) else ""

    @derived_facts_stamp.setter
    def derived_facts_stamp(self, value: str) -> None:
        self._set(DERIVED_FACTS_STAMP, value)

    @property
    def centre_name(self) -> str:
        """The provincial centre's name as printed at the top of every form."""
        value = self._get(CENTRE_NAME)
        return value.strip() if isinstance(value, str) and value.strip() else DEFAULT_CENTRE_NAME

    @centre_name.setter
    def centre_name(self, value: str) -> None:
        self._set(CENTRE_NAME, " ".join(value.split()))

    @property
    def day_plan(self) -> dict[str, Any]:
        """The day's list of establishments to visit, as stored (see :mod:`kcfield.services.places`)."""
        value = self._get(DAY_PLAN)
        return value if isinstance(value, dict) else {}

    @day_plan.setter
    def day_plan(self, value: dict[str, Any]) -> None:
        self._set(DAY_PLAN, value)

    @property
    def centre_url(self) -> str:
        """The centre's address for syncing over the network ("" until one is entered)."""
        value = self._get(CENTRE_URL)
        return value.strip() if isinstance(value, str) else ""

    @centre_url.setter
    def centre_url(self, value: str) -> None:
        self._set(CENTRE_URL, value.strip())

    @property
    def last_sync_result(self) -> dict[str, Any]:
        """How the last network sync went: ``{"at": ISO instant, "ok": bool, "code": message code, "params":
        {...}}`` (kept as a code so it reads in either language); empty before the first."""
        value = self._get(LAST_SYNC_RESULT)
        return value if isinstance(value, dict) else {}

    @last_sync_result.setter
    def last_sync_result(self, value: dict[str, Any]) -> None:
        self._set(LAST_SYNC_RESULT, dict(value))
