"""How the editor keeps drafts: what goes into one, how one comes back, and keeping writes and deletes in order.

The values are :func:`~kcfield.domain.serialization.to_json` of the record as typed, plus the raw text of each
box that could not be read, under :data:`TYPED_KEY` (not a field, so ``from_json`` ignores it): a draft must
give back exactly what was typed, "12 người" included.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any
from uuid import UUID

from kcfield.domain.model import Establishment, editable_field_names
from kcfield.domain.serialization import from_json, to_json
from kcfield.services.drafts import DraftStore
from kcfield.ui.registry.editor_fields import EstablishmentForm

ENTITY = "establishment"
TYPED_KEY = "_typed"


def draft_values(form: EstablishmentForm) -> dict[str, Any]:
    values = to_json(form.establishment())
    typed = form.raw_texts()
    if typed:
        values[TYPED_KEY] = typed
    return values


def restore(form: EstablishmentForm, values: dict[str, Any], record: Establishment | None) -> None:
    """Fill ``form`` from draft ``values``; the id and sync metadata stay those of ``record`` (None: a new one).
    Raises ValueError (or TypeError, KeyError) when the values are not a readable establishment."""
    typed = from_json(Establishment, values)
    base = record if record is not None else Establishment()
    names = editable_field_names(Establishment)
    form.set_establishment(dataclasses.replace(base, **{n: getattr(typed, n) for n in names}))
    raw = values.get(TYPED_KEY)
    if isinstance(raw, dict):
        form.set_raw_texts(raw)


class DraftChannel:
    """Orders draft writes and deletes issued from the GUI thread but run on worker threads.

    A delete bumps the epoch *before* it is submitted; a write checks, under the lock, that the epoch it was
    given is still current. So a write that was already running when the record was saved either lands
    before the delete or not at all — a saved record never leaves a stale draft behind.
    """

    def __init__(self, store: DraftStore) -> None:
        self.store = store
        self.lock = threading.Lock()
        self.epoch = 0

    def write(self, epoch: int, key: str, record_id: UUID | None, title: str, values: dict[str, Any]) -> None:
        with self.lock:
            if epoch == self.epoch:
                self.store.save(key, ENTITY, record_id, title, values)

    def delete(self, key: str) -> None:
        with self.lock:
            self.store.discard(key)
