"""Collect the interface's translatable strings into resources/i18n/kcfield_en.ts for the translators.

The interface's source strings are Vietnamese; this file holds their English translations.

Usage (from any folder, with the project's virtualenv)::

    python scripts/update_translations.py

It runs ``pyside6-lupdate`` from the same virtualenv over every ``.py`` file under ``kcfield/ui`` and over
``kcfield/app.py``. Existing translations are kept (lupdate merges by context and source text); strings that no
longer occur in the code are dropped (``-no-obsolete``) so the file never grows a graveyard. New or changed
strings come out marked "unfinished" and are left out of the build until a translator finishes them (in Qt
Linguist, ``pyside6-linguist resources/i18n/kcfield_en.ts``, or by editing the XML). The ``.qm`` files are not
made here: the app compiles them at start-up (``kcfield.ui.i18n``).

Exit status: lupdate's on failure, else 0. Prints how many messages are still unfinished.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = Path("resources/i18n/kcfield_en.ts")


def find_lupdate() -> Path:
    """``pyside6-lupdate`` beside this interpreter, else the ``lupdate`` binary inside the PySide6 package."""
    exe = ".exe" if sys.platform == "win32" else ""
    scripts_dirs = (Path(sys.executable).parent, Path(sysconfig.get_path("scripts")))
    candidates = [folder / f"pyside6-lupdate{exe}" for folder in scripts_dirs]
    try:
        import PySide6

        candidates.append(Path(PySide6.__file__).resolve().parent / f"lupdate{exe}")
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SystemExit("pyside6-lupdate not found: install the project's dependencies in this virtualenv first")


def source_files() -> list[Path]:
    """Paths relative to the repository root, sorted, so the .ts locations do not depend on the caller's folder."""
    files = sorted(path.relative_to(ROOT) for path in (ROOT / "kcfield" / "ui").rglob("*.py"))
    files.append(Path("kcfield/app.py"))
    return files


def count_messages(ts_file: Path) -> tuple[int, int]:
    """(messages, unfinished) in a TS file; obsolete and vanished entries are not counted."""
    total = unfinished = 0
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        kind = translation.get("type", "") if translation is not None else "unfinished"
        if kind in {"obsolete", "vanished"}:
            continue
        total += 1
        forms = [f.text or "" for f in translation.iter("numerusform")] if translation is not None else []
        text = " ".join(forms) if forms else (translation.text or "" if translation is not None else "")
        if kind == "unfinished" or translation is None or not text.strip():
            unfinished += 1
    return total, unfinished


def main() -> int:
    command = [
        str(find_lupdate()),
        *(str(path) for path in source_files()),
        "-no-obsolete",
        "-locations",
        "relative",
        "-source-language",
        "vi_VN",
        "-target-language",
        "en_US",
        "-ts",
        str(TS_FILE),
    ]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        print(f"lupdate failed (exit {result.returncode})", file=sys.stderr)
        return result.returncode
    total, unfinished = count_messages(ROOT / TS_FILE)
    print(f"{TS_FILE}: {total} messages, {unfinished} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
