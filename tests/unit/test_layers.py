"""The layer contracts really bite: a PySide6 import below kcfield/ui breaks the build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    return subprocess.run([str(LINT)], cwd=tree, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("kcfield/store/_qt_probe.py", "from PySide6.QtCore import QObject\n"),
        ("kcfield/services/_qt_probe.py", "import PySide6.QtWidgets\n"),
        ("kcfield/domain/_db_probe.py", "import sqlalchemy\n"),
    ],
)
def test_a_forbidden_import_fails_the_contracts(tmp_path: Path, module: str, line: str) -> None:
    if not LINT.exists():
        pytest.fail("lint-imports is not installed beside this Python; install the test extras")
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "kcfield", tree / "kcfield", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tree / ".importlinter")
    assert _lint(tree).returncode == 0
    (tree / module).write_text(line, encoding="utf-8")
    result = _lint(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and module.replace("/", ".").removesuffix(".py") in result.stdout
