"""Cleaner-production (SXSH) assessments: the list page and the editor."""

from kcfield.ui.cp.editor import CPEditor
from kcfield.ui.cp.page import CPPage

__all__ = ["CPEditor", "CPPage"]
