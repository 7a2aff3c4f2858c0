"""Personal data: which fields hold it, how they are masked, and which of them travel to the centre.

**Which fields** (DOMAIN.md §4; decided field by field):

* ``Establishment.rep_personal_id`` — the representative's 12-digit personal ID (CCCD). Masked wherever it is
  shown for more than one establishment; sent to the centre only when the centre collects it (by default it
  does not).
* ``Establishment.rep_phone`` — the representative's phone. For a business household the representative *is*
  the owner: the model has no separate owner phone. Masked in lists and shared summaries; collected by
  default.
* ``Establishment.rep_email`` — contact data; no list or summary shows it, so there is nothing to mask; collected
  by default, and the centre may stop collecting it.
* ``Visit.respondent_phone`` — the phone of the person who answered; masked like ``rep_phone``; collected by
  default.
* ``Visit.profile_snapshot`` — the establishment profile frozen when the visit was finalised: its
  ``rep_phone``, ``rep_personal_id`` and ``rep_email`` follow the establishment's fields of the same name
  (named ``profile_snapshot.rep_personal_id`` … when withheld).
* ``Establishment.tax_code`` — since 01/07/2025 a business household's tax code *is* its owner's personal ID.
  It stays the business's identifier (the centre finds duplicates by it), so it always travels; a 12-digit tax
  code is masked in lists and shared summaries like a personal ID (:func:`mask_tax_code`).
* ``Collaborator.phone`` — the collaborator's own number, given to the centre at enrolment so it can call
  back; not under these settings.

**Where values are masked**: every list or table on screen that shows several establishments or visits (the
registry list, the duplicate candidates) and every PDF that covers several establishments or is handed to
others (the establishment list, the needs summary of a commune). A document for one establishment that is
read and signed at the establishment — the editor, the visit form (KC-01) — shows the real values: the person
the data belongs to is the one reading it. Search is never masked: typing a full phone number finds the
establishment.

**What travels**: the centre publishes which personal fields it collects (:data:`DEFAULT_COLLECT` until it
says otherwise). An export leaves the others out of a record line's ``fields`` and lists them under the line's
``withheld`` key; a receiver keeps its own value of a withheld field (:func:`restore`), so withholding never
clears anything. The centre marks the fields it does not collect as withheld in what it sends back too.

All functions here are pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

__all__ = [
    "COLLECTABLE",
    "DEFAULT_COLLECT",
    "MASK",
    "PERSONAL_FIELDS",
    "PersonalField",
    "mask_personal_id",
    "mask_phone",
    "mask_tax_code",
    "parse_collect",
    "restore",
    "withheld_names",
    "withhold",
]

MASK: Final = "*"
MIN_HIDDEN: Final = 5  # a masked value hides at least this many digits (or all of them)
SNAPSHOT: Final = "profile_snapshot"  # the visit's copy of the establishment profile


@dataclass(frozen=True, slots=True)
class PersonalField:
    entity: str  # "establishment" | "visit"
    name: str  # the field's name in the model and in record lines
    kind: str  # "phone" | "personal_id" | "email"
    collected_by_default: bool


PERSONAL_FIELDS: Final[tuple[PersonalField, ...]] = (
    PersonalField("establishment", "rep_phone", "phone", True),
    PersonalField("establishment", "rep_email", "email", True),
    PersonalField("establishment", "rep_personal_id", "personal_id", False),
    PersonalField("visit", "respondent_phone", "phone", True),
)
COLLECTABLE: Final[frozenset[str]] = frozenset(f.name for f in PERSONAL_FIELDS)
DEFAULT_COLLECT: Final[frozenset[str]] = frozenset(f.name for f in PERSONAL_FIELDS if f.collected_by_default)
_ESTABLISHMENT_PERSONAL: Final = tuple(f.name for f in PERSONAL_FIELDS if f.entity == "establishment")


def parse_collect(names: Iterable[str]) -> frozenset[str]:
    """The collected set from names as a person or a file gives them; ``ValueError`` names an unknown one."""
    wanted = frozenset(n.strip() for n in names if n.strip())
    unknown = sorted(wanted - COLLECTABLE)
    if unknown:
        raise ValueError(", ".join(unknown))
    return wanted


# --- masking -------------------------------------------------------------------------------------------------


def _slots(value: str) -> list[int]:
    """Positions of the digits (and of mask marks already there, so masking twice changes nothing)."""
    return [i for i, ch in enumerate(value) if ("0" <= ch <= "9") or ch == MASK]


def _mask_slots(value: str, head: int, tail: int) -> str:
    slots = _slots(value)
    n = len(slots)
    if n - head - tail < MIN_HIDDEN:  # short values: show at most the last two digits, never fewer hidden
        head, tail = 0, (2 if n - 2 >= MIN_HIDDEN else 0)
    hidden = set(slots[head : n - tail])
    return "".join(MASK if i in hidden else ch for i, ch in enumerate(value))


_INTERNATIONAL = re.compile(r"^\s*(\+\s*84|0084)")


def mask_phone(value: str) -> str:
    """A phone number with its middle digits hidden: "0912345678" → "091*****78".

    The network code (first three national digits) and the last two digits stay, so a person can tell two
    numbers apart and recognise their own; the length, spaces and punctuation are kept ("0912 345 678" →
    "091* *** *78", "+84 912 345 678" → "+84 91* *** *78"). A landline keeps its area code ("0254 3852 123" →
    "0254 **** *23", "028 3825 1234" → "028 **** **34"). At least five digits are always hidden: a value of fewer than
    seven digits is masked whole, and "" stays "".
    """
    if not value:
        return value
    slots = _slots(value)
    head = 3
    international = _INTERNATIONAL.match(value)
    if international:
        head = sum(ch.isdigit() for ch in international.group(1)) + 2  # country code + network code
    else:
        digits = "".join(value[i] for i in slots)
        if digits.startswith("02") and len(digits) == 11 and digits[1:3] not in ("24", "28"):
            head = 4  # "0254": the three-digit area code of a province
    return _mask_slots(value, head, 2)


def mask_personal_id(value: str) -> str:
    """A personal ID with all but the birth-province code and the last two digits hidden:
    "079203001234" → "079*******34". The birth century, sex and year (digits 4–6) are hidden too."""
    if not value:
        return value
    return _mask_slots(value, 3, 2)


def mask_tax_code(value: str) -> str:
    """A tax code as lists show it: a business household's 12-digit code is its owner's personal ID and is
    masked like one; a 10- or 13-digit enterprise code is public and shown whole."""
    digits = [ch for ch in value if ch.isdigit() or ch == MASK]
    return mask_personal_id(value) if len(digits) == 12 else value


# --- withholding -----------------------------------------------------------------------------------------------


def _candidates(entity: str, fields: Mapping[str, Any]) -> list[str]:
    """The personal field names a record line of ``entity`` may carry, dotted for the visit's snapshot."""
    names = [f.name for f in PERSONAL_FIELDS if f.entity == entity]
    if entity == "visit" and isinstance(fields.get(SNAPSHOT), Mapping):
        names += [f"{SNAPSHOT}.{name}" for name in _ESTABLISHMENT_PERSONAL]
    return names


def _leaf(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def withhold(entity: str, fields: Mapping[str, Any], collect: frozenset[str]) -> tuple[dict[str, Any], list[str]]:
    """``fields`` without the personal fields the centre does not collect, and the sorted names left out.

    A field not collected is withheld whatever its value (an empty one too): the receiver then knows the line
    says nothing about it. Entities without personal data come back unchanged.
    """
    out = dict(fields)
    withheld: list[str] = []
    for name in _candidates(entity, fields):
        if _leaf(name) in collect:
            continue
        if "." in name:
            snapshot = dict(out[SNAPSHOT])
            if _leaf(name) in snapshot:
                del snapshot[_leaf(name)]
                out[SNAPSHOT] = snapshot
                withheld.append(name)
        else:
            out.pop(name, None)
            withheld.append(name)
    return out, sorted(withheld)


def withheld_names(entity: str, line: Mapping[str, Any]) -> frozenset[str]:
    """The names a record line says it withholds, keeping only personal fields of its entity (anything else
    in a ``withheld`` key — another field, a non-list — is ignored: only personal data can be withheld)."""
    raw = line.get("withheld")
    if not isinstance(raw, list):
        return frozenset()
    allowed = {f.name for f in PERSONAL_FIELDS if f.entity == entity}
    if entity == "visit":
        allowed |= {f"{SNAPSHOT}.{name}" for name in _ESTABLISHMENT_PERSONAL}
    return frozenset(name for name in raw if isinstance(name, str) and name in allowed)


def restore(fields: Mapping[str, Any], names: Iterable[str], own: Mapping[str, Any] | None) -> dict[str, Any]:
    """``fields`` with each withheld name set to the receiver's ``own`` value (its current copy's fields).

    A name the receiver has no value for is left out (the record's default, "", applies). A snapshot name is
    restored inside the snapshot, and only when the line has a snapshot.
    """
    out = dict(fields)
    own = own or {}
    for name in sorted(set(names)):
        if "." in name:
            snapshot = out.get(SNAPSHOT)
            if not isinstance(snapshot, Mapping):
                continue
            snapshot = dict(snapshot)
            own_snapshot = own.get(SNAPSHOT)
            if isinstance(own_snapshot, Mapping) and _leaf(name) in own_snapshot:
                snapshot[_leaf(name)] = own_snapshot[_leaf(name)]
            else:
                snapshot.pop(_leaf(name), None)
            out[SNAPSHOT] = snapshot
        elif name in own:
            out[name] = own[name]
        else:
            out.pop(name, None)
    return out


def not_collected(entity: str, collect: frozenset[str]) -> frozenset[str]:
    """The names of ``entity``'s personal fields (snapshot names included) the centre does not collect."""
    names = {f.name for f in PERSONAL_FIELDS if f.entity == entity and f.name not in collect}
    if entity == "visit":
        names |= {f"{SNAPSHOT}.{n}" for n in _ESTABLISHMENT_PERSONAL if n not in collect}
    return frozenset(names)


def withhold_changes(
    entity: str, changes: Mapping[str, Any], collect: frozenset[str]
) -> tuple[dict[str, Any], list[str]]:
    """An audit event's ``changes`` (field → [old, new]) without the personal fields not collected.

    A snapshot change keeps its [old, new] pair with the withheld keys taken out of both profiles. The event's
    hash covers the original values, so the centre can check the chain's links but not recompute the hash of
    an event with withheld values.
    """
    out = dict(changes)
    withheld: list[str] = []
    for name in sorted(not_collected(entity, collect)):
        if "." not in name:
            if name in out:
                del out[name]
                withheld.append(name)
            continue
        pair = out.get(SNAPSHOT)
        if not isinstance(pair, list):
            continue
        leaf = _leaf(name)
        if any(isinstance(side, Mapping) and leaf in side for side in pair):
            out[SNAPSHOT] = [
                {k: v for k, v in side.items() if k != leaf} if isinstance(side, Mapping) else side for side in pair
            ]
            withheld.append(name)
    return out, withheld


def withhold_line(entity: str, line: Mapping[str, Any], collect: frozenset[str]) -> dict[str, Any]:
    """A record line as it is sent: :func:`withhold` applied to its ``fields``, the names under ``withheld``."""
    out = {k: v for k, v in line.items() if k != "withheld"}
    fields = line.get("fields")
    if entity in ("establishment", "visit") and isinstance(fields, Mapping):
        out["fields"], withheld = withhold(entity, fields, collect)
        if withheld:
            out["withheld"] = withheld
    return out
