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
    readers = _readers(cast(Any, cls))
    return cls(**{name: read(data[name]) for name, read in readers if name in data})


Reader = typing.Callable[[Any], Any]


@cache
def _readers(cls: Any) -> tuple[tuple[str, Reader], ...]:
    """One reader per field, made once per class: reading a value no longer inspects its type hint each time
    (a centre import reads a million values)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return tuple((name, _reader(hint)) for name, hint in typing.get_type_hints(cls).items() if name in names)


def _reader(hint: Any) -> Reader:
    """A function turning a JSON value into a value of ``hint``; None stays None at every level."""
    origin = typing.get_origin(hint)
    read: Reader
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        read = _reader(options[0]) if len(options) == 1 else _same
    elif origin is frozenset:
        item = _reader(typing.get_args(hint)[0])
        read = lambda value: frozenset(item(v) for v in value)  # noqa: E731
    elif origin is tuple:
        args = typing.get_args(hint)
        item = _reader(args[0] if args else Any)
        read = lambda value: tuple(item(v) for v in value)  # noqa: E731
    elif origin is dict:
        read = dict
    elif isinstance(hint, type) and issubclass(hint, enum.Enum):
        read = hint
    elif hint is datetime:
        read = datetime.fromisoformat
    elif hint is date:
        read = date.fromisoformat
    elif hint is time:
        read = time.fromisoformat
    elif hint is UUID:
        read = UUID
    elif isinstance(hint, type) and dataclasses.is_dataclass(hint):
        cls = hint
        read = lambda value: from_json(cls, value)  # noqa: E731
    elif hint is float:
        read = lambda value: float(value) if isinstance(value, int) else value  # noqa: E731
    else:
        return _same
    return lambda value: None if value is None else read(value)


def _same(value: Any) -> Any:
    return value
