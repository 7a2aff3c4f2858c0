"""``kcfield-centre stats``: what the centre holds, as JSON a script or a person can read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcfield.centre import migrate
from kcfield.centre.db import CentreDatabase
from kcfield.centre.identity import recorded_fingerprint
from kcfield.centre.models import (
    CentreCollaborator,
    CentreConflict,
    CentrePackage,
    CollaboratorStatus,
    ConflictStatus,
    PackageStatus,
    centre_tables,
)


def centre_stats(db: CentreDatabase) -> dict[str, Any]:
    """Row counts of every table, packages by status (every status present, zero included), conflicts and
    collaborators by status, and the schema revisions."""
    with db.read() as session:
        tables = {
            name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in sorted(centre_tables().items())
        }
        return {
            "database": db.dialect,
            "schema": sorted(migrate.current_revisions(db.engine)),
            "centre_key_fingerprint": recorded_fingerprint(session),
            "tables": tables,
            "packages": _by_status(session, CentrePackage.status, PackageStatus),
            "conflicts": _by_status(session, CentreConflict.status, ConflictStatus),
            "collaborators": _by_status(session, CentreCollaborator.status, CollaboratorStatus),
        }


def _by_status(session: Session, column: Any, statuses: Any) -> dict[str, int]:
    counts = {str(s.value): 0 for s in statuses}
    for status, count in session.execute(select(column, func.count()).group_by(column)):
        counts[str(status)] = int(count)
    return counts
