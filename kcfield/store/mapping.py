"""Turn ORM rows into frozen domain dataclasses and back, field by field.

Columns carry the dataclass field names, so conversion is driven by the dataclass's type hints: enum fields
are stored as their values, ``frozenset[Enum]`` as a sorted JSON list, everything else as is. The JSON form
(:func:`to_json_value`) is what the audit log and sync packages carry.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar, cast

from kcfield.domain.model import RecordMeta, editable_field_names
from kcfield.domain.serialization import to_json_value
from kcfield.store.models import SyncMixin

T = TypeVar("T")

META_FIELDS = tuple(f.name for f in dataclasses.fields(RecordMeta))


def _unwrap_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _is_enum(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, enum.Enum)


@cache
def _readers(cls: Any) -> dict[str, Callable[[Any], Any]]:
    """Per field: a function turning a column value into the dataclass value."""
    hints = typing.get_type_hints(cls)
    readers: dict[str, Callable[[Any], Any]] = {}
    for name in editable_field_names(cls):
        hint = _unwrap_optional(hints[name])
        origin = typing.get_origin(hint)
        if _is_enum(hint):
            readers[name] = _enum_reader(hint)
        elif origin is frozenset:
            (item,) = typing.get_args(hint)
            readers[name] = _set_reader(item)
        elif origin is tuple:
            readers[name] = _tuple_reader
        else:
            readers[name] = _same
    return readers


def _enum_reader(kind: type[enum.Enum]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        return None if value is None else kind(value)

    return read


def _set_reader(item: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> frozenset[Any]:
        return frozenset(item(x) for x in (value or ()))

    return read


def _tuple_reader(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())


def _same(value: Any) -> Any:
    return value


def to_column_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted(to_column_value(v) for v in value)
    if isinstance(value, tuple):
        return [to_column_value(v) for v in value]
    return value


def is_empty(value: Any) -> bool:
    """Unset in the sense of a form: None, "", False or an empty list (but 0 is a value)."""
    return value is None or value is False or (isinstance(value, str | list | tuple | frozenset) and not value)


def meta_of(row: SyncMixin) -> RecordMeta:
    return RecordMeta(**{name: getattr(row, name) for name in META_FIELDS})


def row_to_domain(row: Any, cls: type[T], **extra: Any) -> T:
    readers = _readers(cast(Any, cls))
    values: dict[str, Any] = {name: read(getattr(row, name)) for name, read in readers.items() if name not in extra}
    values.update(extra)
    field_names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    if "id" in field_names:
        values["id"] = row.id
    if "meta" in field_names and isinstance(row, SyncMixin):
        values["meta"] = meta_of(row)
    return cls(**values)


def domain_values(obj: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Column values of a dataclass's editable fields."""
    return {name: to_column_value(getattr(obj, name)) for name in editable_field_names(type(obj)) if name not in skip}


def apply_values(row: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set columns on a row; return the changes as ``{field: [old, new]}`` in JSON form (for the audit log)."""
    changes: dict[str, list[Any]] = {}
    for name, new in values.items():
        old = getattr(row, name, None)
        if old != new:
            changes[name] = [to_json_value(old), to_json_value(new)]
            setattr(row, name, new)
    return changes
