"""Load the interface language: compile our Qt Linguist sources once, then install the translators.

The interface is written in Vietnamese: the strings in ``tr()`` calls are Vietnamese, so the primary language
never depends on a compiled file. English lives in ``resources/i18n/kcfield_en.ts`` (text, reviewable, merged
by ``scripts/update_translations.py``). Qt has no ``qtbase_vi.qm``, so ``qt_vi.ts`` carries Vietnamese for the
texts Qt's own widgets draw (standard buttons, wizard buttons, edit menus, the file dialog); for English,
Qt's own ``qtbase_en`` and its built-in source strings serve.

Qt reads only compiled ``.qm`` files. We do not commit them (house style: no generated files in the
repository): they are compiled into a cache folder with the ``lrelease`` that ships in the PySide6 wheel, and
only when the ``.ts`` content changed, so a normal start costs one hash of a small file. If ``lrelease`` is
missing or fails, the app logs a warning and goes on: a half-translated window is a nuisance, a crash at start
is not.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import PySide6
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kcfield.resources import resource_path

log = logging.getLogger(__name__)

SUPPORTED = ("vi", "en")

# Our catalogues per language, in install order: Qt's widgets first, then the app's own strings.
_SOURCES: dict[str, tuple[str, ...]] = {"vi": ("qt_vi",), "en": ("kcfield_en",)}
_LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
_LRELEASE_TIMEOUT_S = 120

# Translators we installed, so a language switch can remove them and so Python does not collect them while Qt
# still holds a pointer (QCoreApplication.installTranslator does not take ownership).
_installed: list[QTranslator] = []


def ui_language_name(lang: str) -> str:
    """The language's name in that language, as a language picker shows it (not translated on purpose)."""
    _check(lang)
    return _LANGUAGE_NAMES[lang]


def find_lrelease() -> Path | None:
    """The lrelease that ships with the installed PySide6, or None.

    The binary inside the PySide6 package is preferred (no extra Python start); the ``pyside6-lrelease`` wrapper
    in the venv's scripts folder is the fallback for layouts that move the binary.
    """
    exe = ".exe" if sys.platform == "win32" else ""
    package_dir = Path(PySide6.__file__).resolve().parent
    candidates = [package_dir / f"lrelease{exe}"]
    for scripts in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        candidates.append(scripts / f"pyside6-lrelease{exe}")
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def compiled_translations(lang: str, cache_dir: Path) -> list[Path]:
    """Compile the language's ``.ts`` sources to ``.qm`` files in ``cache_dir`` where needed; return the usable ones.

    A ``.qm`` is rebuilt when it is missing or when the sha256 of its ``.ts`` (stored beside it) differs. The hash,
    not the modification time, decides: an upgrade can install a ``.ts`` whose mtime is older than a ``.qm`` cached
    by the previous version. When a compile fails, an older ``.qm`` already in the cache is still returned: last
    version's Vietnamese beats none.
    """
    _check(lang)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("translation cache %s unusable: %s", cache_dir, error)
        return []
    usable: list[Path] = []
    for name in _SOURCES[lang]:
        source = resource_path("i18n", f"{name}.ts")
        target = cache_dir / f"{name}.qm"
        try:
            if _needs_compile(source, target):
                _compile(source, target)
        except OSError as error:
            log.warning("translation %s not compiled: %s", source.name, error)
        if target.is_file():
            usable.append(target)
    return usable


def install_translators(app: QApplication, lang: str, cache_dir: Path) -> list[QTranslator]:
    """Switch the interface to ``lang``: remove our earlier translators, install Qt's and ours, set the locale.

    Installing a translator sends a LanguageChange event to every widget, so open windows can retranslate. Qt looks
    in the most recently installed translator first, so our ``qt_vi`` overrides a future ``qtbase_vi`` from Qt.
    """
    _check(lang)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()

    files: list[Path] = []
    qt_own = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{lang}.qm"
    if qt_own.is_file():
        files.append(qt_own)
    files.extend(compiled_translations(lang, cache_dir))
    for path in files:
        translator = QTranslator()
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s could not be loaded", path)

    if lang == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    else:
        # An explicit English locale rather than the system's: numbers and dates must match the words around them.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return list(_installed)


def _check(lang: str) -> None:
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported interface language {lang!r}; expected one of {SUPPORTED}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stamp(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _needs_compile(source: Path, target: Path) -> bool:
    stamp = _stamp(target)
    if not target.is_file() or not stamp.is_file():
        return True
    return stamp.read_text(encoding="ascii").strip() != _sha256(source)


def _compile(source: Path, target: Path) -> bool:
    """Run lrelease into a temporary name and rename, so a killed compile never leaves half a ``.qm``.

    ``-nounfinished`` keeps lupdate's guesses for changed strings (marked unfinished) out of the build.
    """
    lrelease = find_lrelease()
    if lrelease is None:
        log.warning("lrelease not found next to PySide6; the interface stays in English")
        return False
    digest = _sha256(source)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    command = [str(lrelease), "-silent", "-nounfinished", str(source), "-qm", str(partial)]
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up on Windows
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=_LRELEASE_TIMEOUT_S, check=False, creationflags=flags
        )
        if result.returncode != 0 or not partial.is_file():
            log.warning("lrelease failed on %s (exit %s): %s", source.name, result.returncode, result.stderr.strip())
            return False
        partial.replace(target)
    except subprocess.TimeoutExpired:
        log.warning("lrelease took longer than %s s on %s", _LRELEASE_TIMEOUT_S, source.name)
        return False
    finally:
        partial.unlink(missing_ok=True)
    # Written after the .qm: a stop in between only costs one more compile at the next start.
    stamp_partial = _stamp(partial)
    stamp_partial.write_text(digest + "\n", encoding="ascii")
    stamp_partial.replace(_stamp(target))
    return True
