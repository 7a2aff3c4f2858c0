"""Find bundled resources (fonts, reference data, translations) wherever kcfield runs.

Three layouts exist: a source checkout (``<repo>/resources``), an installed wheel (the wheel carries the
folder as ``kcfield/_resources``) and a frozen bundle (PyInstaller's ``sys._MEIPASS/resources``). Every caller
goes through :func:`resource_path` so the rest of the code never guesses.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_root() -> Path:
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")  # installed wheel
    candidates.append(_PACKAGE_DIR.parent / "resources")  # checkout or editable install
    for candidate in candidates:
        if (candidate / "data").is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"kcfield resources folder not found (searched: {searched})")


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("data", "provinces.csv")``."""
    return resources_root().joinpath(*parts)
