"""Typed problems and errors of the domain.

Below the UI nothing builds a sentence for a person: a check reports a :class:`Problem` (a stable code, the
field it concerns and the values needed to explain it), and the UI or the CLI turns it into Vietnamese or
English with :func:`kcfield.domain.messages.describe`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # blocks saving
    WARNING = "warning"  # shown, does not block


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # e.g. "tax_code.check_digit"; the message catalogue has a text for each
    field: str = ""  # the entity field it concerns ("" when it concerns the whole record)
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    severity: Severity = Severity.ERROR

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR


class DomainError(Exception):
    """A refusal the user can understand: carries a message code and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class ValidationFailed(DomainError):
    """Raised by a service when a record has blocking problems; nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("validation.failed", count=len(self.problems))


class NotFound(DomainError):
    def __init__(self, entity: str, record_id: object) -> None:
        super().__init__("record.not_found", entity=entity, id=str(record_id))


class Conflict(DomainError):
    """The record changed under the caller (e.g. a finalised visit edited, a stale edit)."""
