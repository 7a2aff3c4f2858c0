"""Two laptops and one centre, driven only through the command line, exchange packages through folders.

Every record arrives exactly once; a concurrent edit of one field is one conflict with both values while the
other field of the same edit merges; after resolution the next reference package brings the resolved value
to both laptops. Runs with the centre on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kcfield.cli import centre_main, main
from tests.centre.conftest import CentreTarget

COMMUNES = ",".join(
    line.split(",")[0]
    for line in (Path(__file__).resolve().parents[2] / "resources/data/communes.csv")
    .read_text("utf-8")
    .splitlines()[1:]
    if line.split(",")[5]
)  # the demo's communes (those with a position)


def field(*argv: str) -> str:
    assert main(["--lang", "en", *argv]) == 0, argv
    return ""


def centre(target: CentreTarget, *argv: str) -> None:
    assert centre_main(["--lang", "en", *target.argv(), *argv]) == 0, argv


def rows(laptop: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(laptop / "kcfield.db") as db:
        return db.execute(sql).fetchall()


def import_all(laptop: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Import every package of a shared folder: those for the other laptop are refused with one line."""
    for package in sorted(folder.glob("*.kcpkg")):
        main(["--lang", "en", "--data-dir", str(laptop), "import", str(package)])
    capsys.readouterr()


def test_two_laptops_and_a_centre_through_folders(
    empty_target: CentreTarget, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = empty_target
    a, b = tmp_path / "laptop-a", tmp_path / "laptop-b"
    usb, receipts, reference = tmp_path / "usb", tmp_path / "receipts", tmp_path / "reference"
    for folder in (usb, receipts, reference):
        folder.mkdir()
    centre(target, "init")
    for laptop, code, name, seed in ((a, "CTV001", "Nguyễn Thị Lan", "1"), (b, "CTV002", "Trần Văn Bình", "2")):
        field("--data-dir", str(laptop), "profile", "--code", code, "--name", name)
        field("--data-dir", str(laptop), "demo", "--establishments", "15", "--seed", seed, "--unsynced")
        field("--data-dir", str(laptop), "enrol-request", "--out", str(tmp_path / f"{code}.json"))
        centre(target, "enrol", str(tmp_path / f"{code}.json"), "--communes", COMMUNES,
               "--out", str(tmp_path / f"welcome-{code}.kcpkg"))  # fmt: skip
        field("--data-dir", str(laptop), "import", str(tmp_path / f"welcome-{code}.kcpkg"))
    out = capsys.readouterr().out
    assert out.count("now trusts the centre's key") == 2

    def exchange() -> None:
        for laptop in (a, b):
            field("--data-dir", str(laptop), "export", "--out", str(usb))
        capsys.readouterr()
        packages = [str(p) for p in sorted(usb.glob("*.kcpkg"))]
        if packages:  # nothing pending anywhere: nothing to carry to the centre
            assert centre_main(["--lang", "en", *target.argv(), "import", *packages, "--out", str(receipts)]) == 0
        for package in usb.glob("*.kcpkg"):
            package.unlink()  # the stick is emptied once the centre has the packages
        for laptop in (a, b):
            import_all(laptop, receipts, capsys)
        for code in ("CTV001", "CTV002"):
            centre(target, "reference", "--collaborator", code, "--out", str(reference / f"{code}.kcpkg"))
        field("--data-dir", str(a), "import", str(reference / "CTV001.kcpkg"))
        field("--data-dir", str(b), "import", str(reference / "CTV002.kcpkg"))
        capsys.readouterr()

    exchange()
    # Every record arrived once: each laptop holds both laptops' establishments, all synced at revision 1.
    for laptop in (a, b):
        assert rows(laptop, "SELECT count(*), min(base_revision), max(base_revision) FROM establishments") == [
            (30, 1, 1)
        ]
        assert rows(laptop, "SELECT count(*) FROM establishments WHERE local_edits > exported_edits") == [(0,)]
    centre(target, "stats")
    stats = capsys.readouterr().out
    assert '"centre_record_heads": ' in stats and '"establishments": 30' in stats

    # The same establishment edited on both laptops: the same field differently, and one other field.
    [(record,)] = rows(a, "SELECT id FROM establishments ORDER BY name_sort LIMIT 1")
    field("--data-dir", str(b), "edit", str(record), "village=Ấp Hai")
    field("--data-dir", str(a), "edit", str(record), "village=Ấp Một", "main_products=Nước mắm")
    exchange()
    centre(target, "conflicts", "list")
    listed = capsys.readouterr().out.strip().splitlines()
    assert len(listed) == 1 and '"Ấp Hai"' in listed[0] and '"Ấp Một"' in listed[0]  # both values kept
    for laptop in (a, b):
        [(_village, products)] = rows(laptop, f"SELECT village, main_products FROM establishments WHERE id='{record}'")
        assert products == "Nước mắm"  # the edit that did not conflict reached both laptops
    conflict_id = listed[0].split()[0].lstrip("#")
    # A's package went in first (CTV001 sorts first), so the centre holds A's village and B's is the field value.
    assert '= "Ấp Một"; collaborator CTV002 = "Ấp Hai"' in listed[0]
    centre(target, "conflicts", "resolve", conflict_id, "--take", "field")  # B's value wins
    exchange()
    for laptop in (a, b):
        assert rows(laptop, f"SELECT village FROM establishments WHERE id='{record}'") == [("Ấp Hai",)]
    centre(target, "conflicts", "list")
    assert "No conflict is waiting" in capsys.readouterr().out
