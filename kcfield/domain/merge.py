"""Field-level three-way merge of a record (DESIGN.md §4, import at the centre, step 4).

``base`` is the revision the device started from (the centre keeps every revision), ``centre`` the current
centre revision, ``incoming`` the device's copy. For each field: changed on one side only → that side's value;
changed the same way on both → that value; changed differently on both → a conflict that keeps both values
and leaves the centre's value in place until a person decides. Nothing is silently overwritten or dropped.

Values are compared as JSON values (the record lines of a package), so a list field — a CP assessment's
inputs or options — is one field: two different edits of the same list conflict as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["FieldConflict", "MergeResult", "three_way"]

_MISSING = object()


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base: Any
    centre: Any
    incoming: Any


@dataclass(frozen=True)
class MergeResult:
    fields: dict[str, Any]  # what the centre record becomes (conflicting fields keep the centre's value)
    conflicts: tuple[FieldConflict, ...]
    taken: tuple[str, ...]  # fields whose incoming value was taken

    @property
    def clean(self) -> bool:
        return not self.conflicts


def three_way(base: Mapping[str, Any], centre: Mapping[str, Any], incoming: Mapping[str, Any]) -> MergeResult:
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    taken: list[str] = []
    for name in sorted(set(base) | set(centre) | set(incoming)):
        b = base.get(name, _MISSING)
        c = centre.get(name, _MISSING)
        i = incoming.get(name, _MISSING)
        if i is _MISSING:  # an older app version that does not know the field: it cannot have changed it
            i = b
        if i in (b, c):
            value = c  # the device left it alone, or made the same change
        elif c == b:
            value = i  # only the device changed it
            taken.append(name)
        else:
            value = c
            conflicts.append(FieldConflict(name, _plain(b), _plain(c), _plain(i)))
        if value is not _MISSING:
            merged[name] = value
    return MergeResult(merged, tuple(conflicts), tuple(taken))


def _plain(value: Any) -> Any:
    return None if value is _MISSING else value
