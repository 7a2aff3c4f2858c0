"""A scanned signed page finds its record by the QR code printed on it, and is attached there.

Every printed page carries a QR code with the record's kind and id and a checksum
(:mod:`kcfield.forms.page`). A scan (PDF, or a JPEG/PNG photo of the page) is searched for those codes; the
first kcfield code that names a record on this computer decides where the file goes. A needs summary names
its establishment; a commune's summary has no single record and is refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from uuid import UUID

from kcfield.domain.errors import DomainError
from kcfield.domain.model import Attachment
from kcfield.services import pdf_pages
from kcfield.services.assessments import CPAssessmentService
from kcfield.services.attachments import AttachmentService
from kcfield.services.establishments import EstablishmentService
from kcfield.services.printing import PrintingService
from kcfield.services.visits import VisitService

__all__ = ["ScanMatch", "ScanService"]

OWNERS = {"visit": "visit", "establishment": "establishment", "needs": "establishment", "cp": "cp_assessment"}


@dataclass(frozen=True)
class ScanMatch:
    kind: str  # the printed document's kind: visit, establishment, needs, cp
    owner_entity: str  # where the scan is attached
    owner_id: UUID
    page: int  # 0-based page of the scan the code was read on
    establishment_name: str = ""
    visit_date: date | None = None  # for a visit form


class ScanService:
    def __init__(
        self,
        printing: PrintingService,
        attachments: AttachmentService,
        establishments: EstablishmentService,
        visits: VisitService,
        assessments: CPAssessmentService,
    ) -> None:
        self._printing = printing
        self._attachments = attachments
        self._establishments = establishments
        self._visits = visits
        self._assessments = assessments

    def identify_pdf(self, path: Path) -> ScanMatch:
        return self._first_match(path.name, pdf_pages.read_codes_in_pdf(path))

    def identify_pixels(self, name: str, grey: bytes, width: int, height: int) -> ScanMatch:
        return self._first_match(name, [(0, text) for text in pdf_pages.read_codes_in_pixels(grey, width, height)])

    def attach(self, match: ScanMatch, source: Path, caption: str = "") -> Attachment:
        return self._attachments.add(match.owner_entity, match.owner_id, source, caption)

    def _first_match(self, name: str, codes: list[tuple[int, str]]) -> ScanMatch:
        last_error: DomainError | None = None
        for page, text in codes:
            try:
                kind, record_id = self._printing.find_by_qr(text)
            except DomainError as error:  # someone else's QR code, a blank form, a record not on this computer
                last_error = error
                continue
            if not _is_uuid(record_id):
                last_error = DomainError("scan.commune_summary", file=name)
                continue
            return self._named(ScanMatch(kind, OWNERS[kind], UUID(record_id), page))
        if last_error is not None and last_error.code != "forms.qr_invalid":
            raise last_error
        raise DomainError("scan.no_code", file=name)

    def _named(self, match: ScanMatch) -> ScanMatch:
        """The match with what a person recognises it by: the establishment's name, the visit's date."""
        establishment_id: UUID | None = match.owner_id
        visit_date = None
        if match.owner_entity == "visit":
            visit = self._visits.get(match.owner_id)
            establishment_id, visit_date = visit.establishment_id, visit.visit_date
        elif match.owner_entity == "cp_assessment":
            establishment_id = self._assessments.get(match.owner_id).establishment_id
        name = self._establishments.get(establishment_id).name if establishment_id is not None else ""
        return replace(match, establishment_name=name, visit_date=visit_date)


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True
