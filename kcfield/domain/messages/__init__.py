"""Words for people: every problem and explanation code in Vietnamese (default) and English.

Each sub-module contributes a ``CATALOGUE``: ``{code: (vietnamese_template, english_template)}`` with
``str.format`` placeholders filled from the problem's params. Field labels live in ``fields.py``. A code with
no text falls back to the code itself, and a test checks every code the domain can emit has both texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from kcfield.domain.errors import DomainError, Problem

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


@cache
def catalogue() -> Mapping[str, tuple[str, str]]:
    from kcfield.domain.messages import (
        attachments,
        backups,
        centre,
        common,
        cp_indicators,
        eligibility,
        fields,
        forms,
        geo,
        key_protection,
        personal,
        printing,
        reports,
        server,
        support,
        sync,
        sync_field,
        sync_import,
        sync_online,
        validation,
        widgets,
    )

    merged: dict[str, tuple[str, str]] = {}
    for module in (
        common,
        validation,
        eligibility,
        fields,
        widgets,
        attachments,
        support,
        cp_indicators,
        geo,
        reports,
        forms,
        printing,
        sync_field,
        centre,
        sync,
        sync_import,
        sync_online,
        server,
        key_protection,
        personal,
        backups,
    ):
        overlap = merged.keys() & module.CATALOGUE.keys()
        if overlap:
            raise RuntimeError(f"message codes defined twice: {sorted(overlap)}")
        merged.update(module.CATALOGUE)
    return merged


def text(code: str, lang: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    entry = catalogue().get(code)
    if entry is None:
        return code
    template = entry[1] if lang == "en" else entry[0]
    safe = {k: _format_param(v, lang) for k, v in params.items()}
    try:
        return template.format(**safe)
    except (KeyError, IndexError, ValueError):
        return template


def field_label(field_name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return text(f"field.{field_name}", lang) if f"field.{field_name}" in catalogue() else field_name


def describe(problem: Problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """One sentence naming the field and the rule, e.g. 'Mã số thuế: chữ số kiểm tra sai …'."""
    params = dict(problem.params)
    params.setdefault("field", field_label(problem.field, lang) if problem.field else "")
    sentence = text(problem.code, lang, **params)
    if problem.field:
        return f"{field_label(problem.field, lang)}: {sentence}"
    return sentence


def describe_error(error: DomainError, lang: str = DEFAULT_LANGUAGE) -> str:
    from kcfield.domain.errors import ValidationFailed

    if isinstance(error, ValidationFailed):
        return "; ".join(describe(p, lang) for p in error.problems if p.blocking) or text(error.code, lang)
    return text(error.code, lang, **error.params)


def _format_param(value: Any, lang: str) -> Any:
    if isinstance(value, bool):
        return text("common.yes" if value else "common.no", lang)
    if isinstance(value, int) and abs(value) >= 10_000:
        sep = "." if lang == "vi" else ","
        return f"{value:,}".replace(",", sep)
    return value
