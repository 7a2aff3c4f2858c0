"""Equipment-support needs: the list with totals (page), one need with its allowed support (editor)."""

from kcfield.ui.needs.editor import NeedEditor
from kcfield.ui.needs.page import NeedsPage

__all__ = ["NeedEditor", "NeedsPage"]
