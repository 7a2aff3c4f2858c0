"""Run every check the project's test command promises, in order, and stop at the first failure.

ruff (lint and format), mypy (strict below ui/), import-linter (the layers), then pytest. Called by the
README's test command and by .ci/run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

STEPS = [
    ("ruff lint", [str(BIN / "ruff"), "check", "kcfield", "tests", "benchmarks", "scripts"]),
    ("ruff format", [str(BIN / "ruff"), "format", "--check", "kcfield", "tests", "benchmarks", "scripts"]),
    ("mypy", [sys.executable, "-m", "mypy"]),
    ("import-linter", [str(BIN / "lint-imports")]),
    ("pytest", [sys.executable, "-m", "pytest", *sys.argv[1:]]),
]


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for name, command in STEPS:
        print(f"==> {name}", flush=True)
        result = subprocess.run(command, cwd=ROOT, env=env, check=False)
        if result.returncode != 0:
            print(f"FAILED: {name} (exit {result.returncode})", flush=True)
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
