"""Every problem or error code the code can raise has a Vietnamese and an English text."""

from __future__ import annotations

import re
import string
from pathlib import Path

from kcfield.domain.messages import catalogue, text

SOURCE = Path(__file__).resolve().parents[2] / "kcfield"
RAISED = re.compile(
    r"""(?:Problem|DomainError|Conflict|PackageRejected|\.reject)\(\s*["']([a-z_]+(?:\.[a-z_]+)+|required)["']"""
)
LABELLED = re.compile(r"""text\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""")


def _codes(pattern: re.Pattern[str]) -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_raised_code_has_both_texts() -> None:
    codes = _codes(RAISED) | _codes(LABELLED)
    assert len(codes) > 40  # the scan works
    missing = sorted(c for c in codes if c not in catalogue())
    assert missing == []
    for code in codes:
        vi, en = catalogue()[code]
        assert vi.strip() and en.strip(), code
        vi_fields = {f for _, f, _, _ in string.Formatter().parse(vi) if f}
        en_fields = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert vi_fields == en_fields, code


def test_unknown_code_falls_back_to_itself() -> None:
    assert text("no.such.code") == "no.such.code"
