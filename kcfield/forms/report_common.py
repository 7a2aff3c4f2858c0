"""What the needs summary and the CP report share: the small table styles and text escaping."""

from __future__ import annotations

from functools import cache
from typing import Final

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from kcfield.forms.page import BOLD, styles

FONT_SIZE: Final = 7.5
LEADING: Final = 9.2


def cell_style(name: str, **changes: object) -> ParagraphStyle:
    """A table-cell style of the reports: the frame's cell style at the reports' smaller size."""
    values: dict[str, object] = {"fontSize": FONT_SIZE, "leading": LEADING, **changes}
    return ParagraphStyle(name, styles()["cell"], **values)


@cache
def table_styles(prefix: str) -> dict[str, ParagraphStyle]:
    """The cell styles every report table uses, named ``<prefix>_…`` (made on first use, not at import)."""
    grey = colors.Color(0.3, 0.3, 0.3)
    return {
        "cell": cell_style(f"{prefix}_cell"),
        "bold": cell_style(f"{prefix}_cell_bold", fontName=BOLD),
        "right": cell_style(f"{prefix}_right", alignment=2),
        "right_bold": cell_style(f"{prefix}_right_bold", alignment=2, fontName=BOLD),
        "center": cell_style(f"{prefix}_center", alignment=1),
        "head": cell_style(f"{prefix}_head", fontName=BOLD, alignment=1),
        "detail": cell_style(f"{prefix}_detail", fontSize=6.5, leading=8, textColor=grey),
    }


def escape(text: str) -> str:
    """Text for a Paragraph: the three characters its mark-up reads escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
