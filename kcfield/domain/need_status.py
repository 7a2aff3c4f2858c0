"""The workflow of an equipment-support need: proposed → submitted → approved or rejected → installed.

A rejected need can be proposed again (reworked); an installed one is finished. Keeping the same status is
always allowed. The words for each status live in the UI; the service refuses any other move.
"""

from __future__ import annotations

from kcfield.domain.enums import NeedStatus
from kcfield.domain.errors import Problem

NEXT: dict[NeedStatus, frozenset[NeedStatus]] = {
    NeedStatus.PROPOSED: frozenset({NeedStatus.SUBMITTED}),
    NeedStatus.SUBMITTED: frozenset({NeedStatus.APPROVED, NeedStatus.REJECTED, NeedStatus.PROPOSED}),
    NeedStatus.APPROVED: frozenset({NeedStatus.INSTALLED}),
    NeedStatus.REJECTED: frozenset({NeedStatus.PROPOSED}),
    NeedStatus.INSTALLED: frozenset(),
}


def allowed_statuses(current: NeedStatus) -> list[NeedStatus]:
    """The statuses a need in ``current`` may take next, ``current`` first, in workflow order."""
    return [current, *(s for s in NeedStatus if s in NEXT[current])]


def check_transition(before: NeedStatus, after: NeedStatus) -> list[Problem]:
    if after == before or after in NEXT[before]:
        return []
    return [Problem("need.status_transition", "status", {"before": before.value, "after": after.value})]
