"""Restoring an older backup must not make the centre see a package number reused or skipped.

A laptop exports packages 1, 2 and 3 (a backup taken after the first), restores that backup, and exports again:
the new package is number 4 and names package 3's hash, and the centre accepts 1-4 in order, none refused as
reused. The same holds when the current database is unreadable: the outbox folder alone gives the number.
Driven through the command line, with a real centre on SQLite.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from kcfield.cli import centre_main, main

COMMUNES = ",".join(
    line.split(",")[0]
    for line in (Path(__file__).resolve().parents[2] / "resources/data/communes.csv")
    .read_text("utf-8")
    .splitlines()[1:]
    if line.split(",")[5]
)  # the demo's communes (those with a position)


def field(capsys: pytest.CaptureFixture[str], laptop: Path, *argv: str) -> str:
    code = main(["--lang", "en", "--data-dir", str(laptop), *argv])
    captured = capsys.readouterr()
    assert code == 0, (argv, captured.err)
    return captured.out


def centre(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> str:
    code = centre_main(["--lang", "en", "--data-dir", str(data), *argv])
    captured = capsys.readouterr()
    assert code == 0, (argv, captured.out, captured.err)
    return captured.out


def rows(laptop: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(laptop / "kcfield.db")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Laptop:
    """One enrolled laptop with establishments it can keep editing, and the packages it wrote so far."""

    def __init__(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        self.capsys, self.data, self.centre = capsys, tmp_path / "laptop", tmp_path / "centre"
        self.usb = tmp_path / "usb"
        self.usb.mkdir()
        centre(capsys, self.centre, "init")
        field(capsys, self.data, "profile", "--code", "CTV001", "--name", "Nguyễn Thị Lan")
        field(capsys, self.data, "demo", "--establishments", "6", "--seed", "3", "--unsynced")
        field(capsys, self.data, "enrol-request", "--out", str(tmp_path / "request.json"))
        welcome = tmp_path / "welcome.kcpkg"
        centre(
            capsys, self.centre, "enrol", str(tmp_path / "request.json"), "--communes", COMMUNES, "--out", str(welcome)
        )
        field(capsys, self.data, "import", str(welcome))
        self.ids = [str(r[0]) for r in rows(self.data, "SELECT id FROM establishments ORDER BY name_sort")]
        self.edits = 0

    def export(self) -> Path:
        """Edit one establishment, export; returns the package copied to the stick."""
        self.edits += 1
        field(self.capsys, self.data, "edit", self.ids[self.edits % len(self.ids)], f"village=Ấp {self.edits}")
        out = field(self.capsys, self.data, "export", "--out", str(self.usb))
        return Path(out.strip().rsplit(" ", 1)[-1])

    def backup(self) -> Path:
        out = field(self.capsys, self.data, "backup")
        return Path(out.removeprefix("Backed up into ").rsplit(" (", 1)[0])

    def outbox(self, sequence: int) -> Path:
        [path] = (self.data / "outbox").glob(f"CTV001-{sequence:06d}-*.kcpkg")
        return path

    def centre_accepts_in_order(self, packages: list[Path]) -> None:
        for package in packages:
            out = centre(self.capsys, self.centre, "import", str(package), "--out", str(self.centre / "receipts"))
            assert "accepted" in out and "held" not in out, out


def test_restoring_an_older_backup_carries_on_the_package_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    laptop = Laptop(capsys, tmp_path)
    first = laptop.export()
    backup = laptop.backup()  # knows package 1 only
    second, third = laptop.export(), laptop.export()
    assert [p.name.split("-")[1] for p in (first, second, third)] == ["000001", "000002", "000003"]

    said = field(capsys, laptop.data, "restore", str(backup), "--yes")
    assert "number 4." in said
    state = dict(rows(laptop.data, "SELECT key, value FROM sync_state"))  # type: ignore[arg-type]
    assert state["next_sequence"] == "4"
    assert state["previous_sha256"] == sha256(laptop.outbox(3))
    # The packages sent after the backup are known again (their receipts can be applied).
    assert rows(laptop.data, "SELECT sequence FROM sync_outbox ORDER BY sequence") == [(1,), (2,), (3,)]

    fourth = laptop.export()
    assert fourth.name.split("-")[1] == "000004"
    laptop.centre_accepts_in_order([first, second, third, fourth])


def test_with_the_current_database_unreadable_the_outbox_folder_gives_the_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    laptop = Laptop(capsys, tmp_path)
    first = laptop.export()
    backup = laptop.backup()
    second, third = laptop.export(), laptop.export()
    database = laptop.data / "kcfield.db"
    for companion in ("-wal", "-shm"):
        database.with_name(database.name + companion).unlink(missing_ok=True)
    database.write_bytes(b"\x00garbage\xff" * 5000)

    said = field(capsys, laptop.data, "restore", str(backup), "--yes")
    assert "number 4." in said and "could not be read" in said
    state = dict(rows(laptop.data, "SELECT key, value FROM sync_state"))  # type: ignore[arg-type]
    assert state["next_sequence"] == "4"
    assert state["previous_sha256"] == sha256(laptop.outbox(3))
    rebuilt = rows(laptop.data, "SELECT sequence, sha256, acknowledged_at FROM sync_outbox ORDER BY sequence")
    assert rebuilt[1:] == [(2, sha256(second), None), (3, sha256(third), None)]

    fourth = laptop.export()
    assert fourth.name.split("-")[1] == "000004"
    laptop.centre_accepts_in_order([first, second, third, fourth])
