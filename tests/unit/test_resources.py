"""Resources are found through one function from a checkout and from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kcfield.paths import ENV_DATA_DIR, resolve_paths
from kcfield.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_checkout_resources() -> None:
    assert resource_path("data", "datasets.json").is_file()
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()


@pytest.mark.slow
def test_installed_wheel_carries_and_finds_its_resources(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("kcfield-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    assert "kcfield/_resources/data/communes.csv" in names
    assert "kcfield/_resources/fonts/DejaVuSans.ttf" in names
    assert "kcfield/store/migrations/versions/0001_initial_schema.py" in names
    # Run from the unpacked wheel, away from the checkout, as an installed copy would.
    probe = "from kcfield.resources import resource_path; print(resource_path('data', 'datasets.json'))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    found = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()) == site / "kcfield" / "_resources" / "data" / "datasets.json"


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    assert resolve_paths().data_dir == tmp_path / "from-env"
    assert resolve_paths(tmp_path / "explicit").data_dir == tmp_path / "explicit"
    monkeypatch.delenv(ENV_DATA_DIR)
    assert resolve_paths().data_dir.name == "kcfield"
