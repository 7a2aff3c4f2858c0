"""Domain dataclasses to JSON-ready values and back, driven by their type hints.

The audit log, drafts on disk and (later) sync packages all carry records as JSON: dates and instants as
ISO strings, ids as strings, enums as their values, sets as sorted lists. :func:`from_json` reverses it
for any entity dataclass, so no caller writes its own field-by-field conversion.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime, time
from functools import cache
from typing import Any, TypeVar, cast
from uuid import UUID

T = TypeVar("T")


def to_json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(to_json_value(v) for v in value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [to_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    return value


def to_json(obj: Any) -> dict[str, Any]:
    """Every field of a dataclass instance as JSON-ready values (nested dataclasses included)."""
    return {f.name: to_json_value(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass from :func:`to_json` output; unknown keys are ignored, missing ones defaulted."""
    hints = _hints(cast(Any, cls))
    values = {name: _read(hints[name], data[name]) for name in hints if name in data}
    return cls(**values)


@cache
def _hints(cls: Any) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}


def _read(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _read(options[0], value) if len(options) == 1 else value
    if origin is frozenset:
        (item,) = typing.get_args(hint)
        return frozenset(_read(item, v) for v in value)
    if origin is tuple:
        args = typing.get_args(hint)
        item = args[0] if args else Any
        return tuple(_read(item, v) for v in value)
    if origin is dict:
        return dict(value)
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint(value)
        if hint is datetime:
            return datetime.fromisoformat(value)
        if hint is date:
            return date.fromisoformat(value)
        if hint is time:
            return time.fromisoformat(value)
        if hint is UUID:
            return UUID(value)
        if dataclasses.is_dataclass(hint):
            return from_json(hint, value)
        if hint is float and isinstance(value, int):
            return float(value)
    return value
