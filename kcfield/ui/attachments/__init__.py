"""The reusable attachments panel: photos and documents of one record (establishment, visit, need, assessment)."""

from __future__ import annotations

from kcfield.ui.attachments.panel import AttachmentsPanel

__all__ = ["AttachmentsPanel"]
