"""Build every service over one store. The composition roots (cli.py, app.py) call :func:`open_services`."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from kcfield.domain.errors import DomainError
from kcfield.paths import AppPaths
from kcfield.services.assessments import CPAssessmentService
from kcfield.services.attachments import AttachmentService, AttachmentStore
from kcfield.services.audit_log import AuditLogService
from kcfield.services.backups import BackupService
from kcfield.services.collaborators import CollaboratorService
from kcfield.services.context import ServiceContext
from kcfield.services.cp_reference import CPReference
from kcfield.services.establishments import EstablishmentService
from kcfield.services.needs import EquipmentNeedService
from kcfield.services.places import PlacesService
from kcfield.services.preferences import Preferences
from kcfield.services.printing import PrintingService
from kcfield.services.reference import ReferenceService
from kcfield.services.registry import RegistryService
from kcfield.services.reports import ReportsService
from kcfield.services.scans import ScanService
from kcfield.services.sync_field import FieldSyncService
from kcfield.services.sync_import import FieldImportService
from kcfield.services.sync_online import OnlineSync
from kcfield.services.visits import VisitService
from kcfield.store.migrate import OpenResult, open_sqlite_store


@dataclass
class Services:
    ctx: ServiceContext
    opened: OpenResult
    reference: ReferenceService
    establishments: EstablishmentService
    visits: VisitService
    needs: EquipmentNeedService
    assessments: CPAssessmentService
    collaborators: CollaboratorService
    audit: AuditLogService
    registry: RegistryService
    preferences: Preferences
    attachments: AttachmentService
    cp_reference: CPReference
    places: PlacesService
    printing: PrintingService
    reports: ReportsService
    scans: ScanService
    sync_field: FieldSyncService
    sync_import: FieldImportService
    sync_online: OnlineSync
    backups: BackupService

    def close(self) -> None:
        self.ctx.store.dispose()


def open_services(paths: AppPaths, *, database: Path | None = None) -> Services:
    """Open (back up, migrate) the local store, load missing reference data, adopt the local identity."""
    try:
        paths.ensure()
    except OSError as exc:  # a read-only medium, a folder without the right to write, a full disk
        code = "store.disk_full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else "store.read_only"
        raise DomainError(code, path=str(paths.data_dir)) from exc
    opened = open_sqlite_store(database or paths.database, paths.backups)
    return build_services(ServiceContext(opened.store), opened, paths.attachments, paths)


def build_services(
    ctx: ServiceContext, opened: OpenResult, attachments_dir: Path, paths: AppPaths | None = None
) -> Services:
    reference = ReferenceService(ctx)
    reference.ensure_loaded()
    establishments = EstablishmentService(ctx, reference)
    preferences = Preferences(ctx)
    visits = VisitService(ctx)
    needs = EquipmentNeedService(ctx, establishments, reference)
    assessments = CPAssessmentService(ctx)
    collaborators = CollaboratorService(ctx)
    cp_reference = CPReference(ctx, reference)
    attachments = AttachmentService(ctx, AttachmentStore(attachments_dir))
    registry = RegistryService(ctx, reference)
    printing = PrintingService(
        ctx,
        reference=reference,
        establishments=establishments,
        visits=visits,
        needs=needs,
        assessments=assessments,
        cp_reference=cp_reference,
        preferences=preferences,
        collaborators=collaborators,
    )
    sync_field = FieldSyncService(ctx, paths or AppPaths(attachments_dir.parent), attachments.store)
    sync_import = FieldImportService(ctx, establishments, reference, sync_field.signing_key)
    database = _database_of(ctx)
    backups = BackupService(paths or AppPaths(attachments_dir.parent), database, clock=ctx.now)
    if database is not None:  # a backup before every export and every import
        sync_field.before_export = backups.before_export
        sync_import.before_import = backups.before_import
    services = Services(
        ctx=ctx,
        opened=opened,
        reference=reference,
        establishments=establishments,
        visits=visits,
        needs=needs,
        assessments=assessments,
        collaborators=collaborators,
        audit=AuditLogService(ctx),
        registry=registry,
        preferences=preferences,
        attachments=attachments,
        cp_reference=cp_reference,
        places=PlacesService(ctx, reference, preferences),
        printing=printing,
        reports=ReportsService(
            ctx,
            reference,
            establishments=establishments,
            needs=needs,
            assessments=assessments,
            cp_reference=cp_reference,
            preferences=preferences,
            registry=registry,
        ),
        scans=ScanService(printing, attachments, establishments, visits, assessments),
        sync_field=sync_field,
        sync_import=sync_import,
        sync_online=OnlineSync(ctx, sync_field, sync_import, preferences),
        backups=backups,
    )
    services.collaborators.adopt_identity()
    return services


def _database_of(ctx: ServiceContext) -> Path | None:
    """The store's file (None for a store in memory, which has nothing to back up)."""
    name = ctx.store.engine.url.database
    return Path(name) if ctx.store.dialect == "sqlite" and name not in (None, "", ":memory:") else None
