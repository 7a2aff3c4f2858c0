"""How the visit editor keeps drafts: what goes into one, how one comes back, and keeping writes and deletes
in order (a write that was already running when the visit was saved lands before the delete or not at all)."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any
from uuid import UUID

from kcfield.domain.model import Visit
from kcfield.domain.serialization import from_json, to_json
from kcfield.services.drafts import DraftStore
from kcfield.ui.visits.form import VisitForm

__all__ = ["ENTITY", "TYPED_KEY", "VisitDrafts", "draft_values", "restore"]

ENTITY = "visit"
TYPED_KEY = "_typed"  # the raw text of boxes a draft must give back as typed (not a field: from_json ignores it)


def draft_values(form: VisitForm) -> dict[str, Any]:
    values = to_json(form.visit())
    values[TYPED_KEY] = form.raw_texts()
    return values


def restore(form: VisitForm, values: dict[str, Any], base: Visit) -> None:
    """Fill ``form`` from draft ``values``; identity, status and establishment stay those of ``base``.
    Raises ValueError (or TypeError, KeyError) when the values are not a readable visit."""
    typed = from_json(Visit, values)
    keep: dict[str, Any] = {
        "id": base.id,
        "meta": base.meta,
        "status": base.status,
        "finalised_at": base.finalised_at,
        "profile_snapshot": base.profile_snapshot,
        "amends_visit_id": base.amends_visit_id,
        "establishment_id": base.establishment_id,
    }
    form.set_visit(dataclasses.replace(typed, **keep))
    raw = values.get(TYPED_KEY)
    if isinstance(raw, dict):
        form.set_raw_texts(raw)


class VisitDrafts:
    """Draft writes and deletes issued from the GUI thread, run on worker threads, kept in order by an epoch."""

    def __init__(self, store: DraftStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self.epoch = 0

    def write(self, epoch: int, key: str, record_id: UUID | None, title: str, values: dict[str, Any]) -> None:
        with self._lock:
            if epoch == self.epoch:
                self.store.save(key, ENTITY, record_id, title, values)

    def start_delete(self) -> None:
        """Called in the GUI thread before the delete is submitted: writes still queued will not land."""
        with self._lock:
            self.epoch += 1

    def delete(self, key: str) -> None:
        with self._lock:
            self.store.discard(key)
