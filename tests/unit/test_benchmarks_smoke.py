"""The benchmark suite's smoke run: `benchmarks/suite.py --quick` prints every case and writes them all
to its JSON file, so the benchmarks never rot. Small sizes, one run, no target enforced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = (
    "cold start to usable window",
    "search keystroke, 2k, p95 (service)",
    "search keystroke, 2k, p95 (GUI)",
    "save an edited establishment, p95",
    "filled visit forms to PDF",
    "field export, 300 changed",
    "field export, package size",
    "centre import, SQLite",
    "centre import, PostgreSQL",
    "parallel uploads (PostgreSQL)",
    "memory, 2k list scrolled end to end",
)


@pytest.mark.slow
def test_quick_suite_prints_and_records_every_case(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "suite.py"), "--quick", "--json", str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = result.stdout.splitlines()
    for case in CASES:
        row = next((line for line in rows if case in line), None)
        assert row is not None, f"no row for {case!r}:\n{result.stdout}"
        assert "ERROR" not in row, row
    recorded = json.loads(out.read_text(encoding="utf-8"))["cases"]
    assert len(recorded) == len(CASES)
    for case in CASES:
        [entry] = [value for name, value in recorded.items() if case in name]
        assert entry["status"] in {"met", "MISSED", "skipped", "—"}, entry
        assert entry["status"] == "skipped" or entry["values"], entry
        assert entry["status"] == "skipped" or "parallel" in case or entry["baseline"], entry
