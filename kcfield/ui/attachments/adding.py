"""Worker-side work of the attachments panel: attaching a batch of files and copying one out for a viewer.

Both run in a task runner's worker (no widgets, no QPixmap); the panel shows their results in the GUI thread.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.domain.model import Attachment
from kcfield.services.attachments import AttachmentService
from kcfield.services.progress import CancelToken
from kcfield.ui.attachments.images import shrink_photo


@dataclass
class AddOutcome:
    added: list[Attachment] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one sentence per refused file, in the panel's language


def add_files(
    service: AttachmentService,
    owner_entity: str,
    owner_id: UUID,
    paths: list[Path],
    *,
    shrink: bool,
    lang: str,
    token: CancelToken | None = None,
) -> AddOutcome:
    """Attach each file; a file refused (not a photo/PDF, too large, disk full…) is described and the batch goes
    on. With ``shrink`` a photo larger than 2000 px is attached as a smaller JPEG copy (the original is not)."""
    outcome = AddOutcome()
    with tempfile.TemporaryDirectory(prefix="kcfield-attach-") as scratch:
        for index, path in enumerate(paths):
            if token is not None:
                token.check()
            try:
                source = path
                if shrink:
                    folder = Path(scratch) / str(index)  # one folder per file: the copy keeps the file's own name
                    folder.mkdir()
                    source = shrink_photo(path, folder) or path
                outcome.added.append(service.add(owner_entity, owner_id, source))
            except DomainError as error:
                outcome.refused.append(describe_error(error, lang))
    return outcome


def copy_for_viewer(service: AttachmentService, attachment_id: UUID) -> Path:
    """A copy of the stored file under the name it was attached with: stored files have no extension (viewers
    need one), and a viewer that saves must not change the stored, hashed bytes."""
    attachment = service.get(attachment_id)
    stored = service.store.path_of(attachment.sha256)
    if not stored.is_file():
        raise DomainError("attachment.file_missing", sha256=attachment.sha256)
    folder = Path(tempfile.gettempdir()) / "kcfield-open" / str(attachment_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (Path(attachment.file_name).name or attachment.sha256)
    shutil.copyfile(stored, target)
    return target
